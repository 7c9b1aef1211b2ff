// Mirrors @aave/core-v3 1.19.3 EModeLogic.executeSetUserEMode with ValidationLogic.validateSetUserEMode.

import { calculateUserAccountData } from "../../calculateUserAccountData.js";
import type { AavePoolModel, AavePosition } from "../../types.js";
import { aaveRevert } from "../aaveRevert.js";
import type { PoolActionResult } from "../types.js";

/**
 * `Pool.setUserEMode(categoryId)` on v3.0 — also when the user is already in it: the category must exist
 * (a liquidation threshold above 0); a user with any collateral or debt entering a category must borrow
 * only reserves of that category; the category is set, and a user who was in one before must stay at
 * HF ≥ 1 (leaving e-mode, or moving, from the default category is not checked).
 *
 * @throws {MathRevertError} InconsistentEmodeCategory (58), HealthFactorLowerThanLiquidationThreshold (35).
 */
export function setUserEModeV30(
  pool: AavePoolModel,
  position: AavePosition,
  categoryId: number,
): PoolActionResult {
  const category = pool.eModeCategories.find((c) => c.id === categoryId);
  if (categoryId !== 0 && !category) throw aaveRevert("InconsistentEmodeCategory");
  const empty = !position.usingAsCollateral.some(Boolean) && !position.scaledDebt.some((d) => d > 0n);
  if (!empty && category)
    for (let i = 0; i < pool.reserves.length; i++)
      if ((position.scaledDebt[i] ?? 0n) > 0n && !category.borrowable[i])
        throw aaveRevert("InconsistentEmodeCategory");
  const next: AavePosition = { ...position, eModeCategory: categoryId };
  if ((position.eModeCategory ?? 0) !== 0) {
    const account = calculateUserAccountData(pool.reserves, next, pool.prices, "v3.0", pool.eModeCategories);
    if (account.healthFactor < 10n ** 18n) throw aaveRevert("HealthFactorLowerThanLiquidationThreshold");
  }
  return { pool, position: next, amount: 0n };
}
