// Mirrors aave-v3-origin 3.6.0 ValidationLogic's account checks after an action: validateHealthFactor,
// validateHFAndLtv (after a borrow) and validateHFAndLtvzero (after a withdrawal or a collateral switch).
import { calculateUserAccountData } from "../calculateUserAccountData.js";
import { percentDivCeil } from "../PercentageMath.js";
import type { AavePoolModel, AavePosition } from "../types.js";
import { userEModeCategory } from "../userEModeCategory.js";
import { userReserveTerms } from "../userReserveTerms.js";
import { aaveRevert } from "./aaveRevert.js";

/**
 * The check: `"health"` (validateHealthFactor: HF ≥ 1), `"borrow"` (validateHFAndLtv: an LTV above 0,
 * HF ≥ 1, collateral ≥ debt / LTV rounded up) or `{ ltvzero: i }` (validateHFAndLtvzero for reserve i:
 * HF ≥ 1, and when some collateral has an LTV of 0 for the user, reserve i must be one of them).
 */
export type AccountCheck = "health" | "borrow" | { ltvzero: number };

/**
 * Reverts as the Pool does when the user's account fails the check at the pool's prices.
 *
 * @param pool - the pool after the action.
 * @param position - the user after the action.
 * @param check - which of ValidationLogic's checks.
 * @throws {MathRevertError} LtvValidationFailed, HealthFactorLowerThanLiquidationThreshold or
 *   CollateralCannotCoverNewBorrow.
 */
export function validateAccountV36(pool: AavePoolModel, position: AavePosition, check: AccountCheck): void {
  const account = calculateUserAccountData(
    pool.reserves,
    position,
    pool.prices,
    "v3.6",
    pool.eModeCategories,
  );
  if (check === "borrow" && account.avgLtvBps === 0n) throw aaveRevert("LtvValidationFailed");
  if (account.healthFactor < 10n ** 18n) throw aaveRevert("HealthFactorLowerThanLiquidationThreshold");
  if (
    check === "borrow" &&
    account.totalCollateralBase < percentDivCeil(account.totalDebtBase, account.avgLtvBps)
  )
    throw aaveRevert("CollateralCannotCoverNewBorrow");
  if (typeof check === "object" && account.hasZeroLtvCollateral) {
    const category = userEModeCategory(position, pool.eModeCategories);
    if (userReserveTerms(pool.reserves[check.ltvzero]!, check.ltvzero, category).ltvBps !== 0n)
      throw aaveRevert("LtvValidationFailed");
  }
}
