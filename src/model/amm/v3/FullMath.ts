// Mirrors @uniswap/v3-core 1.0.1 contracts/libraries/FullMath.sol and UnsafeMath.sol.
// bigint has no 512-bit limit, so the phantom-overflow tricks collapse to a plain product;
// the contract's reverts (zero denominator, result >= 2^256) are kept.
import { MathRevertError } from "../../../errors/MathRevertError.js";

export const MAX_UINT256 = (1n << 256n) - 1n;

/** floor(a * b / denominator); reverts like the contract on a zero denominator or a result ≥ 2^256. */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MathRevertError("FullMath.mulDiv: denominator is zero.");
  const result = (a * b) / denominator;
  if (result > MAX_UINT256) throw new MathRevertError("FullMath.mulDiv: result overflows uint256.");
  return result;
}

/** ceil(a * b / denominator), with the contract's reverts. */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  let result = mulDiv(a, b, denominator);
  // The remainder by multiplying back: cheaper than a second bigint division (inputs are unsigned).
  if (a * b - result * denominator > 0n) {
    if (result >= MAX_UINT256)
      throw new MathRevertError("FullMath.mulDivRoundingUp: result overflows uint256.");
    result++;
  }
  return result;
}

/** UnsafeMath.divRoundingUp: ceil(x / y); y is never zero at the call sites, as in the contract. */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  const q = x / y;
  return q * y < x ? q + 1n : q;
}
