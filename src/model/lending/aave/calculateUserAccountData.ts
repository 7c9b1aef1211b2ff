// Mirrors @aave/core-v3 1.19.3 GenericLogic.calculateUserAccountData (no eMode, no stable debt:
// the replica never opens stable debt). aave-v3-origin 3.3 computes the same sums with the same rounding.
import { percentMul } from "./PercentageMath.js";
import type { AavePosition, AavePrices, AaveReserve } from "./types.js";
import { rayMul, wadDiv } from "./WadRayMath.js";

export const MAX_UINT256 = (1n << 256n) - 1n;

export type UserAccountData = {
  totalCollateralBase: bigint;
  totalDebtBase: bigint;
  avgLtvBps: bigint;
  avgLiquidationThresholdBps: bigint;
  /** WAD; type(uint256).max when there is no debt. */
  healthFactor: bigint;
};

/**
 * A user's collateral, debt and health factor in the oracle's base currency, as the Pool reports them.
 * @example calculateUserAccountData(reserves, position, prices).healthFactor < 10n ** 18n // liquidatable
 */
export function calculateUserAccountData(
  reserves: readonly AaveReserve[],
  position: AavePosition,
  prices: AavePrices,
): UserAccountData {
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
    if (reserve.liquidationThresholdBps !== 0n && position.usingAsCollateral[i] && scaledCollateral !== 0n) {
      const balanceBase = (rayMul(scaledCollateral, reserve.liquidityIndexRay) * price) / assetUnit;
      totalCollateralBase += balanceBase;
      avgLtv += balanceBase * reserve.ltvBps;
      avgLiquidationThreshold += balanceBase * reserve.liquidationThresholdBps;
    }
    if (scaledDebt !== 0n) {
      totalDebtBase += (price * rayMul(scaledDebt, reserve.variableBorrowIndexRay)) / assetUnit;
    }
  }
  const avgLtvBps = totalCollateralBase !== 0n ? avgLtv / totalCollateralBase : 0n;
  const avgLiquidationThresholdBps =
    totalCollateralBase !== 0n ? avgLiquidationThreshold / totalCollateralBase : 0n;
  const healthFactor =
    totalDebtBase === 0n
      ? MAX_UINT256
      : wadDiv(percentMul(totalCollateralBase, avgLiquidationThresholdBps), totalDebtBase);
  return { totalCollateralBase, totalDebtBase, avgLtvBps, avgLiquidationThresholdBps, healthFactor };
}
