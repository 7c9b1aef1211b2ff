// Mirrors @aave/core-v3 1.19.3 SupplyLogic.executeUseReserveAsCollateral (no isolation mode).
import type { AavePoolModel, AavePosition } from "../../types.js";
import { rayMul } from "../../WadRayMath.js";
import { aaveRevert } from "../aaveRevert.js";
import type { PoolActionResult } from "../types.js";
import { validateHFAndLtvV30 } from "./validateAccountV30.js";

/**
 * `Pool.setUserUseReserveAsCollateral(asset, on)` on v3.0: the aToken balance (half up) must not be zero —
 * checked before anything else, also when the flag already is so —; turning it on needs an LTV above 0;
 * turning it off must pass validateHFAndLtv. No reserve is updated.
 *
 * @throws {MathRevertError} UnderlyingBalanceZero (43), UserInIsolationModeOrLtvZero (62), and the
 *   account checks.
 */
export function setUseAsCollateralV30(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  on: boolean,
): PoolActionResult {
  const reserve = pool.reserves[index]!;
  if (rayMul(position.scaledCollateral[index] ?? 0n, reserve.liquidityIndexRay) === 0n)
    throw aaveRevert("UnderlyingBalanceZero");
  if (position.usingAsCollateral[index] === on) return { pool, position, amount: 0n };
  const next: AavePosition = { ...position, usingAsCollateral: [...position.usingAsCollateral] };
  next.usingAsCollateral[index] = on;
  if (on) {
    if (reserve.ltvBps === 0n) throw aaveRevert("UserInIsolationModeOrLtvZero");
  } else validateHFAndLtvV30(pool, next, index);
  return { pool, position: next, amount: 0n };
}
