import { expect } from "chai";
import fc from "fast-check";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { mint } from "../../src/model/amm/v3/mint.js";
import { swap } from "../../src/model/amm/v3/swap.js";
import { swapOutputUpperBound } from "../../src/model/amm/v3/swapOutputUpperBound.js";
import { getSqrtRatioAtTick, getTickAtSqrtRatio } from "../../src/model/amm/v3/TickMath.js";
import type { V3PoolState } from "../../src/model/amm/v3/types.js";

const SPACING = 10;

// Random pools: a full-range position plus concentrated ones around a random price, as the replica mints them.
const poolArbitrary = fc
  .record({
    centre: fc.integer({ min: -300_000, max: 300_000 }),
    offset: fc.bigInt({ min: 0n, max: 10n ** 9n }),
    fee: fc.constantFrom(100, 500, 3000, 10_000),
    full: fc.bigInt({ min: 10n ** 6n, max: 10n ** 20n }),
    ranges: fc.array(
      fc.record({
        lower: fc.integer({ min: -4000, max: 0 }),
        width: fc.integer({ min: 1, max: 400 }),
        liquidity: fc.bigInt({ min: 10n ** 6n, max: 10n ** 22n }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ centre, offset, fee, full, ranges }) => {
    const tick0 = Math.round(centre / SPACING) * SPACING;
    const sqrtPriceX96 = getSqrtRatioAtTick(tick0) + offset;
    let pool: V3PoolState = {
      feePips: fee,
      tickSpacing: SPACING,
      sqrtPriceX96,
      tick: getTickAtSqrtRatio(sqrtPriceX96),
      liquidity: 0n,
      ticks: [],
    };
    pool = mint(pool, { tickLower: -887_270, tickUpper: 887_270, liquidity: full }).pool;
    for (const r of ranges) {
      const tickLower = tick0 + r.lower * SPACING;
      pool = mint(pool, { tickLower, tickUpper: tickLower + r.width * SPACING, liquidity: r.liquidity }).pool;
    }
    return pool;
  });

describe("swapOutputUpperBound", () => {
  it("invariant: never below the exact swap's output, and within 1e-6 of it, both directions, across crossed ticks", () => {
    let crossed = 0;
    fc.assert(
      fc.property(
        poolArbitrary,
        fc.boolean(),
        fc.double({ min: 3, max: 26, noNaN: true }),
        (pool, zeroForOne, log10In) => {
          const amountIn = BigInt(Math.round(10 ** log10In));
          let exact: ReturnType<typeof swap>;
          try {
            exact = swap(pool, { zeroForOne, amountSpecified: amountIn });
          } catch (error) {
            expect(error).to.be.instanceOf(MathRevertError);
            return;
          }
          crossed += exact.ticksCrossed > 0 ? 1 : 0;
          const out = Number(-(zeroForOne ? exact.amount1 : exact.amount0));
          const bound = swapOutputUpperBound(pool, zeroForOne, Number(amountIn));
          expect(bound).to.be.at.least(out);
          // Tight enough to decide with: the allowance is float error (relative to the largest L·√P, or
          // L/√P, the walk can meet) and a few units per step.
          const maxLiquidity = pool.ticks.reduce(
            (sum, t) => sum + (t.liquidityNet > 0n ? t.liquidityNet : 0n),
            0n,
          );
          const sqrt0 = Number(pool.sqrtPriceX96) / 2 ** 96;
          const scale = Number(maxLiquidity) * (zeroForOne ? sqrt0 : 1 / sqrt0);
          // The contract also steps at every bitmap word (256 tick spacings), rounding at each; a unit of
          // input it rounds away is worth up to the starting price in output units.
          const steps =
            exact.ticksCrossed + Math.ceil(Math.abs(exact.pool.tick - pool.tick) / (256 * SPACING)) + 2;
          const outPerIn = Math.max(1, zeroForOne ? sqrt0 ** 2 : 1 / sqrt0 ** 2);
          expect(bound - out).to.be.at.most(1e-6 * out + 1e-13 * scale + 10 * steps * outPerIn);
        },
      ),
      { numRuns: 2000, seed: 424242 },
    );
    expect(crossed).to.be.greaterThan(200);
  });

  it("default: a hand-computed single-range sale — 1 token0 into L = 1e18 at √P = 1, no fee, pays L·(1 − 1/(1 + 1/L·1e18)) = 0.5e18", () => {
    const pool: V3PoolState = {
      feePips: 0,
      tickSpacing: 1,
      sqrtPriceX96: 1n << 96n,
      tick: 0,
      liquidity: 10n ** 18n,
      ticks: [
        { index: -887_272, liquidityNet: 10n ** 18n },
        { index: 887_272, liquidityNet: -(10n ** 18n) },
      ],
    };
    // 1/√P' = 1 + 1e18/1e18 = 2 → √P' = 0.5; output = L·(1 − 0.5) = 5e17.
    expect(swapOutputUpperBound(pool, true, 1e18)).to.be.closeTo(5e17, 5e17 * 2e-9);
  });
});
