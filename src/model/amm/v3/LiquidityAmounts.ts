// Mirrors @uniswap/v3-periphery 1.4.4 contracts/libraries/LiquidityAmounts.sol.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { mulDiv } from "./FullMath.js";

const Q96 = 1n << 96n;

function toUint128(x: bigint): bigint {
  if (x >= 1n << 128n) throw new MathRevertError("LiquidityAmounts: liquidity does not fit uint128.");
  return x;
}

/** Liquidity for an amount of token0 between two sqrt prices. */
export function getLiquidityForAmount0(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  amount0: bigint,
): bigint {
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  const intermediate = mulDiv(sqrtRatioAX96, sqrtRatioBX96, Q96);
  return toUint128(mulDiv(amount0, intermediate, sqrtRatioBX96 - sqrtRatioAX96));
}

/** Liquidity for an amount of token1 between two sqrt prices. */
export function getLiquidityForAmount1(
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  amount1: bigint,
): bigint {
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  return toUint128(mulDiv(amount1, Q96, sqrtRatioBX96 - sqrtRatioAX96));
}

/** The most liquidity the two amounts can provide at the current price, as the periphery computes it. */
export function getLiquidityForAmounts(
  sqrtRatioX96: bigint,
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  amount0: bigint,
  amount1: bigint,
): bigint {
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  if (sqrtRatioX96 <= sqrtRatioAX96) return getLiquidityForAmount0(sqrtRatioAX96, sqrtRatioBX96, amount0);
  if (sqrtRatioX96 < sqrtRatioBX96) {
    const liquidity0 = getLiquidityForAmount0(sqrtRatioX96, sqrtRatioBX96, amount0);
    const liquidity1 = getLiquidityForAmount1(sqrtRatioAX96, sqrtRatioX96, amount1);
    return liquidity0 < liquidity1 ? liquidity0 : liquidity1;
  }
  return getLiquidityForAmount1(sqrtRatioAX96, sqrtRatioBX96, amount1);
}
