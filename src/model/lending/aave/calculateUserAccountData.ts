import { isOriginProfile } from "./isOriginProfile.js";
// Mirrors GenericLogic.calculateUserAccountData (no stable debt: the replica opens none):
//  - v3.0 (@aave/core-v3 1.19.3): half-up balances, collateral counted only with LT ≠ 0,
//    HF = wadDiv(percentMul(collateral, avgLT), debt);
//  - v3.6 (aave-v3-origin 3.6.0): balances floor (aToken) and ceil (debt, and its value in base), every
//    collateral bit counted, HF = wadDiv(Σ collateral·LT, debt) / 1e4 (no rounding of avgLT first); a user
//    in an e-mode category takes the category's LTV and threshold on the reserves of its collateral bitmap.
import { mulDivCeil, percentMul } from "./PercentageMath.js";
import type {
  AaveEModeCategory,
  AavePosition,
  AavePrices,
  AaveReserve,
  AaveVersionProfile,
} from "./types.js";
import { userEModeCategory } from "./userEModeCategory.js";
import { userReserveTerms } from "./userReserveTerms.js";
import { rayMul, rayMulCeil, rayMulFloor, wadDiv } from "./WadRayMath.js";

export const MAX_UINT256 = (1n << 256n) - 1n;

export type UserAccountData = {
  totalCollateralBase: bigint;
  totalDebtBase: bigint;
  avgLtvBps: bigint;
  avgLiquidationThresholdBps: bigint;
  /** WAD; type(uint256).max when there is no debt. */
  healthFactor: bigint;
  /** v3.6: some enabled collateral has an LTV of 0 for this user (withdrawals must take it first). */
  hasZeroLtvCollateral: boolean;
};

/**
 * A user's collateral, debt and health factor in the oracle's base currency, as the Pool reports them.
 * @param eModeCategories - the market's e-mode categories, for a user in one (v3.0's as bitmaps of the
 *   category's reserves: collateral and borrowable alike).
 * @example calculateUserAccountData(reserves, position, prices, "v3.6").healthFactor < 10n ** 18n // liquidatable
 */
export function calculateUserAccountData(
  reserves: readonly AaveReserve[],
  position: AavePosition,
  prices: AavePrices,
  profile: AaveVersionProfile,
  eModeCategories?: readonly AaveEModeCategory[],
): UserAccountData {
  const v36 = isOriginProfile(profile);
  const category = userEModeCategory(position, eModeCategories);
  let hasZeroLtvCollateral = false;
  let totalCollateralBase = 0n;
  let totalDebtBase = 0n;
  let avgLtv = 0n;
  let avgLiquidationThreshold = 0n;
  for (let i = 0; i < reserves.length; i++) {
    const reserve = reserves[i]!;
    const scaledCollateral = position.scaledCollateral[i] ?? 0n;
    const scaledDebt = position.scaledDebt[i] ?? 0n;
    if (scaledCollateral === 0n && scaledDebt === 0n) continue;
    const assetUnit = 10n ** BigInt(reserve.decimals);
    const price = prices[i]!;
    const counted = v36
      ? position.usingAsCollateral[i]
      : reserve.liquidationThresholdBps !== 0n && position.usingAsCollateral[i] && scaledCollateral !== 0n;
    if (counted) {
      const balance = v36
        ? rayMulFloor(scaledCollateral, reserve.liquidityIndexRay)
        : rayMul(scaledCollateral, reserve.liquidityIndexRay);
      const balanceBase = (balance * price) / assetUnit;
      totalCollateralBase += balanceBase;
      const terms = category ? userReserveTerms(reserve, i, category) : reserve;
      // v3.0 asks the reserve's own LTV whether it counts, then takes the category's (isInEModeCategory).
      if ((v36 ? terms.ltvBps : reserve.ltvBps) === 0n) hasZeroLtvCollateral = true;
      else avgLtv += balanceBase * terms.ltvBps;
      avgLiquidationThreshold += balanceBase * terms.liquidationThresholdBps;
    }
    if (scaledDebt !== 0n) {
      totalDebtBase += v36
        ? mulDivCeil(rayMulCeil(scaledDebt, reserve.variableBorrowIndexRay), price, assetUnit)
        : (price * rayMul(scaledDebt, reserve.variableBorrowIndexRay)) / assetUnit;
    }
  }
  const avgLtvBps = totalCollateralBase !== 0n ? avgLtv / totalCollateralBase : 0n;
  const avgLiquidationThresholdBps =
    totalCollateralBase !== 0n ? avgLiquidationThreshold / totalCollateralBase : 0n;
  let healthFactor: bigint;
  if (totalDebtBase === 0n) healthFactor = MAX_UINT256;
  else if (v36) healthFactor = wadDiv(avgLiquidationThreshold, totalDebtBase) / 10_000n;
  else healthFactor = wadDiv(percentMul(totalCollateralBase, avgLiquidationThresholdBps), totalDebtBase);
  return {
    totalCollateralBase,
    totalDebtBase,
    avgLtvBps,
    avgLiquidationThresholdBps,
    healthFactor,
    hasZeroLtvCollateral,
  };
}
