import { MathRevertError } from "../../../errors/MathRevertError.js";
import type { V2PoolState } from "./types.js";
import { getAmountOut } from "./UniswapV2Library.js";

/**
 * An exact-input swap on a v2 pair, as router + pair execute it.
 * @throws {MathRevertError} as the library and pair revert (no input, no liquidity, an output of 0).
 * @returns The pool's token deltas (positive in, negative out) and the pair after the swap.
 */
export function swapV2(
  pool: V2PoolState,
  { zeroForOne, amountIn }: { zeroForOne: boolean; amountIn: bigint },
): { amount0: bigint; amount1: bigint; pool: V2PoolState } {
  const [reserveIn, reserveOut] = zeroForOne
    ? [pool.reserve0, pool.reserve1]
    : [pool.reserve1, pool.reserve0];
  const amountOut = getAmountOut(amountIn, reserveIn, reserveOut, pool.feeBps);
  // UniswapV2Pair.swap: require(amount0Out > 0 || amount1Out > 0).
  if (amountOut === 0n) throw new MathRevertError("UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT");
  const amount0 = zeroForOne ? amountIn : -amountOut;
  const amount1 = zeroForOne ? -amountOut : amountIn;
  return {
    amount0,
    amount1,
    pool: { ...pool, reserve0: pool.reserve0 + amount0, reserve1: pool.reserve1 + amount1 },
  };
}
