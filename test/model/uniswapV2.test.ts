import { expect } from "chai";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { swapV2 } from "../../src/model/amm/v2/swapV2.js";
import { getAmountIn, getAmountOut } from "../../src/model/amm/v2/UniswapV2Library.js";
import { tradeOnPool } from "../../src/model/cascade/tradeOnPool.js";
import type { PoolModel } from "../../src/model/cascade/types.js";
import { lacCurve } from "../../src/model/thresholds/lacCurve.js";
import { liquidityAbsorptionCapacity } from "../../src/model/thresholds/liquidityAbsorptionCapacity.js";

describe("getAmountOut", () => {
  it("default: 1 WETH into 100 WETH / 200,000 USDC at 0.3% gives 1,974.316068 USDC (hand-computed)", () => {
    expect(getAmountOut(10n ** 18n, 100n * 10n ** 18n, 200_000n * 10n ** 6n)).to.equal(1_974_316_068n);
  });
  it("behavior: getAmountIn(getAmountOut(x)) ≤ x and the pair's k never falls", () => {
    for (const x of [1n, 10n ** 9n, 10n ** 17n, 5n * 10n ** 19n]) {
      const out = getAmountOut(x, 100n * 10n ** 18n, 200_000n * 10n ** 6n);
      if (out === 0n) {
        // 1 wei of WETH buys nothing: the pair reverts rather than take it for free.
        expect(() =>
          swapV2(
            { reserve0: 100n * 10n ** 18n, reserve1: 200_000n * 10n ** 6n, feeBps: 30n },
            { zeroForOne: true, amountIn: x },
          ),
        ).to.throw(MathRevertError, "INSUFFICIENT_OUTPUT_AMOUNT");
        continue;
      }
      expect(getAmountIn(out, 100n * 10n ** 18n, 200_000n * 10n ** 6n) <= x).to.equal(true);
      const r = swapV2(
        { reserve0: 100n * 10n ** 18n, reserve1: 200_000n * 10n ** 6n, feeBps: 30n },
        { zeroForOne: true, amountIn: x },
      );
      expect(r.pool.reserve0 * r.pool.reserve1 >= 100n * 10n ** 18n * 200_000n * 10n ** 6n).to.equal(true);
    }
  });
  it("error: MathRevertError on zero input", () => {
    expect(() => getAmountOut(0n, 1n, 1n)).to.throw(MathRevertError);
  });
});

describe("V2 price targets with the fee in the reserves (issue 16)", () => {
  const E18 = 10n ** 18n;
  // The pool: 17,045.75 WETH against 51,137,250 USDC ($3,000).
  const pool = (feeBps: bigint): Extract<PoolModel, { kind: "uniswap-v2" }> => ({
    id: "v2",
    kind: "uniswap-v2",
    underlyingIsToken0: true,
    token0: { symbol: "WETH", decimals: 18 },
    token1: { symbol: "USDC", decimals: 6 },
    state: { reserve0: 17_045_750_000_000_000_000_000n, reserve1: 51_137_250_000_000n, feeBps },
  });
  // Closed forms (continuous): no fee V = x·(1/√(1−s) − 1); fee φ, γ = 1 − φ: (x + γV)(x + V) = x²/(1 − s).
  const feeless = (x: number, s: number) => x * (1 / Math.sqrt(1 - s) - 1);
  const withFee = (x: number, s: number, g: number) =>
    (x * (Math.sqrt((1 + g) ** 2 + 4 * g * (1 / (1 - s) - 1)) - (1 + g))) / (2 * g);

  it("default: LAC at 5% of a 30 bps pair is 443.49 WETH (the fee kept in the reserves), not the fee-less 442.82", () => {
    const lac = liquidityAbsorptionCapacity(pool(30n), 0.05);
    expect(withFee(17_045.75, 0.05, 0.997)).to.be.closeTo(443.49, 0.005);
    expect(lac.marginal.underlying).to.be.closeTo(withFee(17_045.75, 0.05, 0.997), 1e-9);
    expect(lac.marginal.underlying).to.be.closeTo(443.49, 0.005);
    expect(feeless(17_045.75, 0.05)).to.be.closeTo(442.82, 0.005);
  });

  it("behavior: without a fee LAC is x·(1/√(1−s) − 1) at 5% and 10%", () => {
    for (const s of [0.05, 0.1])
      expect(liquidityAbsorptionCapacity(pool(0n), s).marginal.underlying).to.be.closeTo(
        feeless(17_045.75, s),
        1e-9,
      );
  });

  it("behavior: the LAC curve of a 30 bps pair is the closed form at every 1% of fall to 20% (issue 17: LAC curves in the report)", () => {
    const curve = lacCurve(pool(30n));
    expect(curve.map((p) => p.slippage)).to.deep.equal(Array.from({ length: 20 }, (_, i) => (i + 1) / 100));
    for (const p of curve) expect(p.underlying).to.be.closeTo(withFee(17_045.75, p.slippage, 0.997), 1e-6);
    // Its value at the start price, $3,000 a WETH.
    expect(curve[4]!.usd).to.be.closeTo(443.49 * 3000, 0.005 * 3000);
  });

  it("behavior: toPrice stops at the target both ways: its input keeps the spot price at or short of it, one wei more passes it", () => {
    for (const ratio of [0.5, 0.9, 0.999, 1.001, 1.25, 3]) {
      const ratioE18 = BigInt(Math.round(ratio * 1e18));
      const p = pool(30n);
      const moved = tradeOnPool(p, { kind: "toPrice", ratioE18 })!;
      const { reserve0: x, reserve1: y } = p.state;
      const after = (moved.pool as Extract<PoolModel, { kind: "uniswap-v2" }>).state;
      // Underlying price ratio, after over before: (y'/x') / (y/x), compared exactly in integers.
      const compare = (x1: bigint, y1: bigint) => y1 * x * E18 - ratioE18 * y * x1; // sign of (ratio' − target)
      const sell = ratio < 1;
      expect(
        sell ? compare(after.reserve0, after.reserve1) >= 0n : compare(after.reserve0, after.reserve1) <= 0n,
        `${ratio}`,
      ).to.equal(true);
      const amountIn = moved.callV2!.amountIn + 1n;
      const more = swapV2(p.state, { zeroForOne: sell, amountIn });
      const past = compare(more.pool.reserve0, more.pool.reserve1);
      expect(sell ? past < 0n : past > 0n, `${ratio}: one wei more passes the target`).to.equal(true);
    }
  });
});
