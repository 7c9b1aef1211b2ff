// Mirrors the loop of @uniswap/v3-core 1.0.1 contracts/UniswapV3Pool.sol#swap (amounts, price, tick
// and liquidity; fee growth, oracle observations and protocol fees move no swap amounts and are left out).
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { addDelta } from "./LiquidityMath.js";
import { nextInitializedTickWithinOneWord } from "./nextInitializedTickWithinOneWord.js";
import { computeSwapStep } from "./SwapMath.js";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from "./TickMath.js";
import type { V3PoolState } from "./types.js";

export type SwapParameters = {
  zeroForOne: boolean;
  /** > 0: exact input; < 0: exact output (the contract's convention). */
  amountSpecified: bigint;
  /** Defaults to the extreme the router uses: MIN_SQRT_RATIO + 1 or MAX_SQRT_RATIO - 1. */
  sqrtPriceLimitX96?: bigint | undefined;
};

export type SwapReturnType = {
  /** Pool's token0 delta: > 0 paid into the pool, < 0 paid out. */
  amount0: bigint;
  amount1: bigint;
  /** The pool after the swap (ticks array shared with the input). */
  pool: V3PoolState;
  ticksCrossed: number;
};

/**
 * Simulates `UniswapV3Pool.swap` exactly: same steps, same rounding, same reverts.
 *
 * @param pool The pool before the swap (not mutated).
 * @returns Both token deltas from the pool's point of view and the pool after the swap.
 * @throws {MathRevertError} where the contract reverts ('AS', 'SPL', overflow).
 * @example
 * const { amount0, amount1 } = swap(pool, { zeroForOne: true, amountSpecified: 10n ** 18n });
 */
export function swap(pool: V3PoolState, parameters: SwapParameters): SwapReturnType {
  const { zeroForOne, amountSpecified } = parameters;
  const sqrtPriceLimitX96 =
    parameters.sqrtPriceLimitX96 ?? (zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n);
  if (amountSpecified === 0n)
    throw new MathRevertError("UniswapV3Pool.swap: amountSpecified is zero ('AS').");
  if (
    zeroForOne
      ? !(sqrtPriceLimitX96 < pool.sqrtPriceX96 && sqrtPriceLimitX96 > MIN_SQRT_RATIO)
      : !(sqrtPriceLimitX96 > pool.sqrtPriceX96 && sqrtPriceLimitX96 < MAX_SQRT_RATIO)
  )
    throw new MathRevertError("UniswapV3Pool.swap: price limit on the wrong side of the price ('SPL').");

  const exactInput = amountSpecified > 0n;
  let amountSpecifiedRemaining = amountSpecified;
  let amountCalculated = 0n;
  let sqrtPriceX96 = pool.sqrtPriceX96;
  let tick = pool.tick;
  let liquidity = pool.liquidity;
  let ticksCrossed = 0;
  const { ticks, tickSpacing, feePips } = pool;

  while (amountSpecifiedRemaining !== 0n && sqrtPriceX96 !== sqrtPriceLimitX96) {
    const sqrtPriceStartX96 = sqrtPriceX96;
    let [tickNext, initialized, tickArrayIndex] = nextInitializedTickWithinOneWord(
      ticks,
      tick,
      tickSpacing,
      zeroForOne,
    );
    if (tickNext < MIN_TICK) tickNext = MIN_TICK;
    else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
    const sqrtPriceNextX96 = getSqrtRatioAtTick(tickNext);
    const target = (zeroForOne ? sqrtPriceNextX96 < sqrtPriceLimitX96 : sqrtPriceNextX96 > sqrtPriceLimitX96)
      ? sqrtPriceLimitX96
      : sqrtPriceNextX96;
    const step = computeSwapStep(sqrtPriceX96, target, liquidity, amountSpecifiedRemaining, feePips);
    sqrtPriceX96 = step.sqrtRatioNextX96;
    if (exactInput) {
      amountSpecifiedRemaining -= step.amountIn + step.feeAmount;
      amountCalculated -= step.amountOut;
    } else {
      amountSpecifiedRemaining += step.amountOut;
      amountCalculated += step.amountIn + step.feeAmount;
    }
    if (sqrtPriceX96 === sqrtPriceNextX96) {
      if (initialized) {
        let liquidityNet = ticks[tickArrayIndex]!.liquidityNet;
        if (zeroForOne) liquidityNet = -liquidityNet;
        liquidity = addDelta(liquidity, liquidityNet);
        ticksCrossed++;
      }
      tick = zeroForOne ? tickNext - 1 : tickNext;
    } else if (sqrtPriceX96 !== sqrtPriceStartX96) {
      tick = getTickAtSqrtRatio(sqrtPriceX96);
    }
  }

  const [amount0, amount1] =
    zeroForOne === exactInput
      ? [amountSpecified - amountSpecifiedRemaining, amountCalculated]
      : [amountCalculated, amountSpecified - amountSpecifiedRemaining];
  return { amount0, amount1, pool: { ...pool, sqrtPriceX96, tick, liquidity }, ticksCrossed };
}
