// Mirrors aave-v3-origin 3.6.0 SupplyLogic.executeUseReserveAsCollateral (no isolation mode), and v3.7.0's.
import type { AavePoolModel, AavePosition } from "../types.js";
import { userEModeCategory } from "../userEModeCategory.js";
import { userReserveTerms } from "../userReserveTerms.js";
import { aaveRevert } from "./aaveRevert.js";
import type { PoolActionResult } from "./types.js";
import { validateAccountV36 } from "./validateAccountV36.js";

/**
 * `Pool.setUserUseReserveAsCollateral(asset, on)`: nothing when the flag already is so; turning it on needs
 * a balance and an LTV above 0 for the user (validateUseAsCollateral); turning it off must leave the user
 * at HF ≥ 1 (validateHFAndLtvzero). No reserve is updated.
 *
 * @param pool - the pool at the block's time.
 * @param position - the user.
 * @param index - the reserve.
 * @param on - use it as collateral.
 * @returns the pool (unchanged) and the position with its flag; amount 0.
 * @throws {MathRevertError} UnderlyingBalanceZero, UserInIsolationModeOrLtvZero (v3.7: UserHasAssetWithZeroLtv),
 *   and the account checks.
 */
export function setUseAsCollateralV36(
  pool: AavePoolModel,
  position: AavePosition,
  index: number,
  on: boolean,
): PoolActionResult {
  if (position.usingAsCollateral[index] === on) return { pool, position, amount: 0n };
  const next: AavePosition = { ...position, usingAsCollateral: [...position.usingAsCollateral] };
  next.usingAsCollateral[index] = on;
  if (on) {
    if ((position.scaledCollateral[index] ?? 0n) === 0n) throw aaveRevert("UnderlyingBalanceZero");
    const category = userEModeCategory(position, pool.eModeCategories);
    if (userReserveTerms(pool.reserves[index]!, index, category).ltvBps === 0n)
      // v3.7 renamed the error.
      throw aaveRevert(pool.profile === "v3.7" ? "UserHasAssetWithZeroLtv" : "UserInIsolationModeOrLtvZero");
  } else validateAccountV36(pool, next, { ltvzero: index });
  return { pool, position: next, amount: 0n };
}
