// Mirrors @aave/core-v3 1.19.3 ValidationLogic.validateHFAndLtv (after a withdrawal or a collateral switch).
import { calculateUserAccountData } from "../../calculateUserAccountData.js";
import type { AavePoolModel, AavePosition } from "../../types.js";
import { aaveRevert } from "../aaveRevert.js";

/**
 * validateHFAndLtv for reserve `index`: the health factor at least 1, and when some enabled collateral has
 * an LTV of 0 (its own, whatever the user's category), reserve `index` must be one with an LTV of 0.
 *
 * @throws {MathRevertError} HealthFactorLowerThanLiquidationThreshold (35), LtvValidationFailed (57).
 */
export function validateHFAndLtvV30(pool: AavePoolModel, position: AavePosition, index: number): void {
  const account = calculateUserAccountData(
    pool.reserves,
    position,
    pool.prices,
    "v3.0",
    pool.eModeCategories,
  );
  if (account.healthFactor < 10n ** 18n) throw aaveRevert("HealthFactorLowerThanLiquidationThreshold");
  if (account.hasZeroLtvCollateral && pool.reserves[index]!.ltvBps !== 0n)
    throw aaveRevert("LtvValidationFailed");
}
