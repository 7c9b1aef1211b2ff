// Mirrors aave-v3-origin 3.6.0 SupplyLogic.executeSetUserEMode with ValidationLogic.validateSetUserEMode.
import type { AavePoolModel, AavePosition } from "../types.js";
import { userReserveTerms } from "../userReserveTerms.js";
import { aaveRevert } from "./aaveRevert.js";
import type { PoolActionResult } from "./types.js";
import { validateAccountV36 } from "./validateAccountV36.js";

/**
 * `Pool.setUserEMode(categoryId)`: nothing when the user is already in it; otherwise the category must
 * exist (a liquidation threshold above 0), every borrowed asset must be borrowable in it (out of e-mode:
 * always, every reserve has borrowing enabled), every enabled collateral must keep an LTV above 0 in it,
 * and the account must stay at HF ≥ 1 under the new terms.
 *
 * @param pool - the pool at the block's time.
 * @param position - the user.
 * @param categoryId - the category (0 leaves e-mode).
 * @returns the pool (unchanged) and the position in its new category; amount 0.
 * @throws {MathRevertError} InconsistentEModeCategory, InvalidDebtInEmode, InvalidCollateralInEmode,
 *   HealthFactorLowerThanLiquidationThreshold.
 */
export function setUserEModeV36(
  pool: AavePoolModel,
  position: AavePosition,
  categoryId: number,
): PoolActionResult {
  if ((position.eModeCategory ?? 0) === categoryId) return { pool, position, amount: 0n };
  const category = pool.eModeCategories.find((c) => c.id === categoryId);
  if (categoryId !== 0 && !category) throw aaveRevert("InconsistentEModeCategory");
  for (let i = 0; i < pool.reserves.length; i++) {
    if ((position.scaledDebt[i] ?? 0n) > 0n && category && !category.borrowable[i])
      throw aaveRevert("InvalidDebtInEmode");
    if (position.usingAsCollateral[i] && userReserveTerms(pool.reserves[i]!, i, category).ltvBps === 0n)
      throw aaveRevert("InvalidCollateralInEmode");
  }
  const next: AavePosition = { ...position, eModeCategory: categoryId };
  validateAccountV36(pool, next, "health");
  return { pool, position: next, amount: 0n };
}
