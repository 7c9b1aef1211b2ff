import { CurrencyAmount, Token } from "@uniswap/sdk-core";
import { Pool, SqrtPriceMath as SdkSqrtPriceMath, TickMath as SdkTickMath } from "@uniswap/v3-sdk";
import { expect } from "chai";
import fc from "fast-check";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { mint } from "../../src/model/amm/v3/mint.js";
import { getAmount0Delta, getNextSqrtPriceFromInput } from "../../src/model/amm/v3/SqrtPriceMath.js";
import { swap } from "../../src/model/amm/v3/swap.js";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from "../../src/model/amm/v3/TickMath.js";
import type { V3PoolState } from "../../src/model/amm/v3/types.js";

// The SDK's big integers are JSBI (a dependency of the SDK, not of ours): build them with its own class.
type Jsbi = typeof SdkTickMath.MIN_SQRT_RATIO;
const toJsbi = (x: bigint): Jsbi =>
  (SdkTickMath.MIN_SQRT_RATIO.constructor as unknown as { BigInt(s: string): Jsbi }).BigInt(x.toString());

describe("TickMath", () => {
  it("default: the contract's constants at the ends and 2^96 at tick 0", () => {
    expect(getSqrtRatioAtTick(0)).to.equal(1n << 96n);
    expect(getSqrtRatioAtTick(MIN_TICK)).to.equal(MIN_SQRT_RATIO);
    expect(getSqrtRatioAtTick(MAX_TICK)).to.equal(MAX_SQRT_RATIO);
    expect(getTickAtSqrtRatio(MIN_SQRT_RATIO)).to.equal(MIN_TICK);
    expect(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n)).to.equal(MAX_TICK - 1);
  });
  it("behavior: agrees with @uniswap/v3-sdk on random ticks and prices", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TICK, max: MAX_TICK }), (tick) => {
        const ours = getSqrtRatioAtTick(tick);
        expect(ours.toString()).to.equal(SdkTickMath.getSqrtRatioAtTick(tick).toString());
        if (ours < MAX_SQRT_RATIO) expect(getTickAtSqrtRatio(ours)).to.equal(tick);
        if (ours + 1n < MAX_SQRT_RATIO) expect(getTickAtSqrtRatio(ours + 1n)).to.equal(tick);
        if (ours - 1n >= MIN_SQRT_RATIO) expect(getTickAtSqrtRatio(ours - 1n)).to.equal(tick - 1);
      }),
      { numRuns: 500 },
    );
  });
  it("behavior: getTickAtSqrtRatio agrees with @uniswap/v3-sdk on random prices over the whole range", () => {
    fc.assert(
      fc.property(
        fc.double({
          min: Math.log(Number(MIN_SQRT_RATIO)),
          max: Math.log(Number(MAX_SQRT_RATIO)),
          noNaN: true,
        }),
        fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
        (logSqrt, jitter) => {
          let sqrt = BigInt(Math.floor(Math.exp(logSqrt) / 2 ** 20)) * 2n ** 20n + jitter;
          if (sqrt < MIN_SQRT_RATIO) sqrt = MIN_SQRT_RATIO;
          if (sqrt >= MAX_SQRT_RATIO) sqrt = MAX_SQRT_RATIO - 1n;
          expect(getTickAtSqrtRatio(sqrt)).to.equal(SdkTickMath.getTickAtSqrtRatio(toJsbi(sqrt)));
        },
      ),
      { numRuns: 3000 },
    );
  });
  it("error: MathRevertError out of range", () => {
    expect(() => getSqrtRatioAtTick(MAX_TICK + 1)).to.throw(MathRevertError);
    expect(() => getTickAtSqrtRatio(MAX_SQRT_RATIO)).to.throw(MathRevertError);
  });
});

describe("SqrtPriceMath", () => {
  const sqrtPrice = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n });
  const liquidity = fc.bigInt({ min: 1n, max: (1n << 128n) - 1n });
  it("behavior: getAmount0Delta equals @uniswap/v3-sdk's (the contract's two divisions) on random ranges, both roundings", () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, liquidity, fc.boolean(), (a, b, l, roundUp) => {
        if (a === b) return;
        const sdk = SdkSqrtPriceMath.getAmount0Delta(toJsbi(a), toJsbi(b), toJsbi(l), roundUp);
        expect(getAmount0Delta(a, b, l, roundUp).toString()).to.equal(sdk.toString());
      }),
      { numRuns: 2000 },
    );
  });
  it("default: hand-computed token0 between prices 1 and 4 — L/2 exactly, and rounded up only when inexact", () => {
    // amount0 = L·(1/√A − 1/√B) = L·(1 − 1/2) with √A = 1, √B = 2 (Q96: 2^96 and 2^97).
    const [a, b] = [1n << 96n, 1n << 97n];
    expect(getAmount0Delta(a, b, 1n << 32n, true)).to.equal(1n << 31n);
    expect(getAmount0Delta(a, b, 1n << 32n, false)).to.equal(1n << 31n);
    expect(getAmount0Delta(a, b, (1n << 32n) + 1n, true)).to.equal((1n << 31n) + 1n);
    expect(getAmount0Delta(b, a, (1n << 32n) + 1n, false)).to.equal(1n << 31n);
  });
  it("behavior: getNextSqrtPriceFromInput equals the SDK's, including amounts whose product with the price overflows 256 bits", () => {
    fc.assert(
      fc.property(
        sqrtPrice,
        liquidity,
        fc.oneof(
          fc.bigInt({ min: 1n, max: 1n << 100n }),
          fc.bigInt({ min: 1n << 100n, max: (1n << 256n) - 1n }),
        ),
        fc.boolean(),
        (p, l, amount, zeroForOne) => {
          let ours: bigint | string;
          let sdk: string;
          try {
            ours = getNextSqrtPriceFromInput(p, l, amount, zeroForOne);
          } catch (error) {
            expect(error).to.be.instanceOf(MathRevertError);
            ours = "revert";
          }
          try {
            sdk = SdkSqrtPriceMath.getNextSqrtPriceFromInput(
              toJsbi(p),
              toJsbi(l),
              toJsbi(amount),
              zeroForOne,
            ).toString();
          } catch {
            sdk = "revert";
          }
          // The SDK does not check the uint160 bound the contract's SafeCast enforces.
          if (ours === "revert" && sdk !== "revert") expect(BigInt(sdk) >= 1n << 160n).to.equal(true);
          else expect(ours.toString()).to.equal(sdk);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// A pool with overlapping positions, built independently for the SDK (net and gross per tick).
function fixture() {
  const tickSpacing = 10;
  const positions = [
    { tickLower: -887270, tickUpper: 887270, liquidity: 10n ** 15n },
    { tickLower: -201000, tickUpper: -199000, liquidity: 3n * 10n ** 17n },
    { tickLower: -200500, tickUpper: -194000, liquidity: 10n ** 17n },
    { tickLower: -230000, tickUpper: -198010, liquidity: 5n * 10n ** 16n },
  ];
  let pool: V3PoolState = {
    feePips: 500,
    tickSpacing,
    sqrtPriceX96: getSqrtRatioAtTick(-200000) + 12345678901234n,
    tick: 0,
    liquidity: 0n,
    ticks: [],
  };
  pool = { ...pool, tick: getTickAtSqrtRatio(pool.sqrtPriceX96) };
  for (const p of positions) pool = mint(pool, p).pool;
  const net = new Map<number, bigint>();
  const gross = new Map<number, bigint>();
  for (const p of positions) {
    net.set(p.tickLower, (net.get(p.tickLower) ?? 0n) + p.liquidity);
    net.set(p.tickUpper, (net.get(p.tickUpper) ?? 0n) - p.liquidity);
    gross.set(p.tickLower, (gross.get(p.tickLower) ?? 0n) + p.liquidity);
    gross.set(p.tickUpper, (gross.get(p.tickUpper) ?? 0n) + p.liquidity);
  }
  const ticks = [...net.keys()]
    .sort((a, b) => a - b)
    .map((index) => ({
      index,
      liquidityNet: net.get(index)!.toString(),
      liquidityGross: gross.get(index)!.toString(),
    }));
  const t0 = new Token(1, "0x0000000000000000000000000000000000000001", 18, "WETH");
  const t1 = new Token(1, "0x0000000000000000000000000000000000000002", 6, "USDC");
  const sdkPool = new Pool(
    t0,
    t1,
    500,
    pool.sqrtPriceX96.toString(),
    pool.liquidity.toString(),
    pool.tick,
    ticks,
  );
  return { pool, sdkPool, t0, t1 };
}

describe("swap", () => {
  it("default: exact-input quotes equal @uniswap/v3-sdk's for both directions and many sizes", async () => {
    const { pool, sdkPool, t0, t1 } = fixture();
    for (const [zeroForOne, token, amounts] of [
      [true, t0, [10n ** 12n, 10n ** 17n, 3n * 10n ** 18n, 250n * 10n ** 18n, 9000n * 10n ** 18n]],
      [false, t1, [10n ** 3n, 10n ** 8n, 4n * 10n ** 10n, 10n ** 12n, 3n * 10n ** 13n]],
    ] as const) {
      for (const amount of amounts) {
        const ours = swap(pool, { zeroForOne, amountSpecified: amount });
        const [out, after] = await sdkPool.getOutputAmount(
          CurrencyAmount.fromRawAmount(token, amount.toString()),
        );
        expect((-(zeroForOne ? ours.amount1 : ours.amount0)).toString()).to.equal(out.quotient.toString());
        expect(ours.pool.sqrtPriceX96.toString()).to.equal(after.sqrtRatioX96.toString());
        expect(ours.pool.tick).to.equal(after.tickCurrent);
        expect(ours.pool.liquidity.toString()).to.equal(after.liquidity.toString());
      }
    }
  });
  it("behavior: exact-output quotes equal the SDK's getInputAmount", async () => {
    const { pool, sdkPool, t1 } = fixture();
    for (const out of [10n ** 6n, 5n * 10n ** 9n, 10n ** 11n]) {
      const ours = swap(pool, { zeroForOne: true, amountSpecified: -out });
      const [input] = await sdkPool.getInputAmount(CurrencyAmount.fromRawAmount(t1, out.toString()));
      expect(ours.amount0.toString()).to.equal(input.quotient.toString());
      expect(ours.amount1).to.equal(-out);
    }
  });
  it("behavior: selling token0 never raises the price; the pool is paid what it gives (conservation)", () => {
    const { pool } = fixture();
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 22n }), (amount) => {
        const r = swap(pool, { zeroForOne: true, amountSpecified: amount });
        expect(r.pool.sqrtPriceX96 <= pool.sqrtPriceX96).to.equal(true);
        expect(r.amount0 > 0n && r.amount0 <= amount).to.equal(true);
        expect(r.amount1 <= 0n).to.equal(true);
      }),
      { numRuns: 200 },
    );
  });
  it("error: MathRevertError for a zero amount ('AS') and a wrong-side limit ('SPL')", () => {
    const { pool } = fixture();
    expect(() => swap(pool, { zeroForOne: true, amountSpecified: 0n })).to.throw(MathRevertError, "AS");
    expect(() =>
      swap(pool, { zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: pool.sqrtPriceX96 + 1n }),
    ).to.throw(MathRevertError, "SPL");
  });
});
