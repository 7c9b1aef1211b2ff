// Mirrors @uniswap/v2-periphery UniswapV2Library.getAmountOut/getAmountIn and the k-check of
// @uniswap/v2-core 1.0.1 UniswapV2Pair.swap; the fee is a parameter (30 bps in the pair contract).
import { MathRevertError } from "../../../errors/MathRevertError.js";

/** Output for an exact input: amountIn·(10000−fee)·reserveOut / (reserveIn·10000 + amountIn·(10000−fee)). */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, feeBps = 30n): bigint {
  if (amountIn <= 0n) throw new MathRevertError("UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT");
  if (reserveIn <= 0n || reserveOut <= 0n)
    throw new MathRevertError("UniswapV2Library: INSUFFICIENT_LIQUIDITY");
  const amountInWithFee = amountIn * (10_000n - feeBps);
  return (amountInWithFee * reserveOut) / (reserveIn * 10_000n + amountInWithFee);
}

/** Input needed for an exact output, rounded up by one as the library does. */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint, feeBps = 30n): bigint {
  if (amountOut <= 0n) throw new MathRevertError("UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT");
  if (reserveIn <= 0n || reserveOut <= amountOut)
    throw new MathRevertError("UniswapV2Library: INSUFFICIENT_LIQUIDITY");
  return (reserveIn * amountOut * 10_000n) / ((reserveOut - amountOut) * (10_000n - feeBps)) + 1n;
}
