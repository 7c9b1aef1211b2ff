// Mirrors @uniswap/v3-core 1.0.1 contracts/libraries/LiquidityMath.sol.
import { MathRevertError } from "../../../errors/MathRevertError.js";

/** x + y for a uint128 x and int128 y, reverting 'LS' / 'LA' on under/overflow as the contract does. */
export function addDelta(x: bigint, y: bigint): bigint {
  if (y < 0n) {
    const z = x + y;
    if (z < 0n) throw new MathRevertError("LiquidityMath.addDelta: liquidity underflow ('LS').");
    return z;
  }
  const z = x + y;
  if (z >= 1n << 128n) throw new MathRevertError("LiquidityMath.addDelta: liquidity overflow ('LA').");
  return z;
}
