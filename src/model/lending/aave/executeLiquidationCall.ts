// Mirrors LiquidationLogic.executeLiquidationCall for receiveAToken = false:
//  - profile v3.0: @aave/core-v3 1.19.3 (_calculateDebt close factor, no dust rule, no deficit);
//  - profile v3.3: aave-v3-origin 3.3+ (close factor on total debt, MIN_LEFTOVER_BASE dust rule, deficit).
// Both share _calculateAvailableCollateralToLiquidate; v3.3 also returns the amount in base currency.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { calculateUserAccountData, type UserAccountData } from "./calculateUserAccountData.js";
import { percentDiv, percentMul } from "./PercentageMath.js";
import type { AavePosition, AavePrices, AaveReserve, AaveVersionProfile } from "./types.js";
import { rayDiv, rayMul } from "./WadRayMath.js";

export const HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 10n ** 18n;
export const CLOSE_FACTOR_HF_THRESHOLD = 95n * 10n ** 16n;
export const DEFAULT_LIQUIDATION_CLOSE_FACTOR = 5_000n;
export const MAX_LIQUIDATION_CLOSE_FACTOR = 10_000n;
export const MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2_000n * 10n ** 8n;
export const MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2n;

export type ExecuteLiquidationCallParameters = {
  profile: AaveVersionProfile;
  reserves: readonly AaveReserve[];
  prices: AavePrices;
  position: AavePosition;
  collateralIndex: number;
  debtIndex: number;
  /** type(uint256).max liquidates as much as the close factor allows. */
  debtToCover: bigint;
  /** The position's account data at these prices, when the caller already computed it (saves recomputing). */
  account?: UserAccountData;
};

export type ExecuteLiquidationCallReturnType = {
  healthFactorBefore: bigint;
  /** Debt repaid by the liquidator (debt asset units). */
  actualDebtToLiquidate: bigint;
  /** Collateral sent to the liquidator (collateral asset units). */
  actualCollateralToLiquidate: bigint;
  /** Collateral sent to the treasury. */
  liquidationProtocolFeeAmount: bigint;
  /** v3.3 only: debt burned into the reserve's deficit (debt asset units), per reserve index. */
  deficit: bigint[];
  position: AavePosition;
};

function calculateAvailableCollateralToLiquidate(
  collateralAssetPrice: bigint,
  collateralAssetUnit: bigint,
  debtAssetPrice: bigint,
  debtAssetUnit: bigint,
  debtToCover: bigint,
  userCollateralBalance: bigint,
  liquidationBonus: bigint,
  liquidationProtocolFeePercentage: bigint,
) {
  const baseCollateral =
    (debtAssetPrice * debtToCover * collateralAssetUnit) / (collateralAssetPrice * debtAssetUnit);
  const maxCollateralToLiquidate = percentMul(baseCollateral, liquidationBonus);
  let collateralAmount: bigint;
  let debtAmountNeeded: bigint;
  if (maxCollateralToLiquidate > userCollateralBalance) {
    collateralAmount = userCollateralBalance;
    debtAmountNeeded = percentDiv(
      (collateralAssetPrice * collateralAmount * debtAssetUnit) / (debtAssetPrice * collateralAssetUnit),
      liquidationBonus,
    );
  } else {
    collateralAmount = maxCollateralToLiquidate;
    debtAmountNeeded = debtToCover;
  }
  const collateralToLiquidateInBaseCurrency = (collateralAmount * collateralAssetPrice) / collateralAssetUnit;
  let liquidationProtocolFee = 0n;
  if (liquidationProtocolFeePercentage !== 0n) {
    const bonusCollateral = collateralAmount - percentDiv(collateralAmount, liquidationBonus);
    liquidationProtocolFee = percentMul(bonusCollateral, liquidationProtocolFeePercentage);
    collateralAmount -= liquidationProtocolFee;
  }
  return { collateralAmount, debtAmountNeeded, liquidationProtocolFee, collateralToLiquidateInBaseCurrency };
}

/** Burn `amount` of a scaled balance at `index`, as ScaledBalanceTokenBase._burnScaled does (rayDiv, half up). */
function burnScaled(scaled: bigint, amount: bigint, indexRay: bigint): bigint {
  const amountScaled = rayDiv(amount, indexRay);
  if (amountScaled === 0n) throw new MathRevertError("Aave: INVALID_BURN_AMOUNT (56).");
  if (amountScaled > scaled) throw new MathRevertError("ScaledBalanceToken: burn exceeds balance.");
  return scaled - amountScaled;
}

/**
 * Simulates `Pool.liquidationCall(collateral, debt, user, debtToCover, false)` on a position.
 *
 * @returns What the liquidator pays and receives, the treasury's fee, any deficit, and the position after.
 * @throws {MathRevertError} with the contract's error where it reverts: HF ≥ 1 (45), collateral not
 *   usable (46), nothing borrowed (47), and on v3.3 MUST_NOT_LEAVE_DUST (103).
 */
export function executeLiquidationCall(
  parameters: ExecuteLiquidationCallParameters,
): ExecuteLiquidationCallReturnType {
  const { profile, reserves, prices, position, collateralIndex, debtIndex, debtToCover } = parameters;
  const collateralReserve = reserves[collateralIndex]!;
  const debtReserve = reserves[debtIndex]!;
  const account = parameters.account ?? calculateUserAccountData(reserves, position, prices);

  const scaledCollateral = position.scaledCollateral[collateralIndex] ?? 0n;
  const userCollateralBalance = rayMul(scaledCollateral, collateralReserve.liquidityIndexRay);
  const scaledDebt = position.scaledDebt[debtIndex] ?? 0n;
  const userReserveDebt = rayMul(scaledDebt, debtReserve.variableBorrowIndexRay);

  // ValidationLogic.validateLiquidationCall
  if (account.healthFactor >= HEALTH_FACTOR_LIQUIDATION_THRESHOLD)
    throw new MathRevertError("Aave: HEALTH_FACTOR_NOT_BELOW_THRESHOLD (45).");
  if (!(collateralReserve.liquidationThresholdBps !== 0n && position.usingAsCollateral[collateralIndex]))
    throw new MathRevertError("Aave: COLLATERAL_CANNOT_BE_LIQUIDATED (46).");
  if (userReserveDebt === 0n)
    throw new MathRevertError("Aave: SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER (47).");

  const collateralAssetPrice = prices[collateralIndex]!;
  const debtAssetPrice = prices[debtIndex]!;
  const collateralAssetUnit = 10n ** BigInt(collateralReserve.decimals);
  const debtAssetUnit = 10n ** BigInt(debtReserve.decimals);

  let maxLiquidatableDebt: bigint;
  if (profile === "v3.0") {
    const closeFactor =
      account.healthFactor > CLOSE_FACTOR_HF_THRESHOLD
        ? DEFAULT_LIQUIDATION_CLOSE_FACTOR
        : MAX_LIQUIDATION_CLOSE_FACTOR;
    maxLiquidatableDebt = percentMul(userReserveDebt, closeFactor);
  } else {
    maxLiquidatableDebt = userReserveDebt;
    const userReserveDebtInBaseCurrency = (userReserveDebt * debtAssetPrice) / debtAssetUnit;
    const userReserveCollateralInBaseCurrency =
      (userCollateralBalance * collateralAssetPrice) / collateralAssetUnit;
    if (
      userReserveCollateralInBaseCurrency >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD &&
      userReserveDebtInBaseCurrency >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD &&
      account.healthFactor > CLOSE_FACTOR_HF_THRESHOLD
    ) {
      const totalDefaultLiquidatableDebtInBaseCurrency = percentMul(
        account.totalDebtBase,
        DEFAULT_LIQUIDATION_CLOSE_FACTOR,
      );
      if (userReserveDebtInBaseCurrency > totalDefaultLiquidatableDebtInBaseCurrency)
        maxLiquidatableDebt = (totalDefaultLiquidatableDebtInBaseCurrency * debtAssetUnit) / debtAssetPrice;
    }
  }
  const requested = debtToCover > maxLiquidatableDebt ? maxLiquidatableDebt : debtToCover;

  const available = calculateAvailableCollateralToLiquidate(
    collateralAssetPrice,
    collateralAssetUnit,
    debtAssetPrice,
    debtAssetUnit,
    requested,
    userCollateralBalance,
    collateralReserve.liquidationBonusBps,
    collateralReserve.protocolFeeBps,
  );
  const actualDebtToLiquidate = available.debtAmountNeeded;
  const actualCollateralToLiquidate = available.collateralAmount;
  let liquidationProtocolFeeAmount = available.liquidationProtocolFee;

  if (profile === "v3.3" && actualDebtToLiquidate < userReserveDebt) {
    if (actualCollateralToLiquidate + liquidationProtocolFeeAmount < userCollateralBalance) {
      const debtLeft =
        ((userReserveDebt - actualDebtToLiquidate) * debtAssetPrice) / debtAssetUnit >= MIN_LEFTOVER_BASE;
      const collateralLeft =
        ((userCollateralBalance - actualCollateralToLiquidate) * collateralAssetPrice) /
          collateralAssetUnit >=
        MIN_LEFTOVER_BASE;
      if (!(debtLeft && collateralLeft)) throw new MathRevertError("Aave: MUST_NOT_LEAVE_DUST (103).");
    }
  }

  const next: AavePosition = {
    id: position.id,
    scaledCollateral: [...position.scaledCollateral],
    scaledDebt: [...position.scaledDebt],
    usingAsCollateral: [...position.usingAsCollateral],
  };
  const deficit = reserves.map(() => 0n);
  const hasNoCollateralLeft =
    profile === "v3.3" && account.totalCollateralBase === available.collateralToLiquidateInBaseCurrency;

  // _burnDebtTokens
  if (profile === "v3.3" && hasNoCollateralLeft) {
    next.scaledDebt[debtIndex] = burnScaled(scaledDebt, userReserveDebt, debtReserve.variableBorrowIndexRay);
    deficit[debtIndex] = userReserveDebt - actualDebtToLiquidate;
  } else {
    next.scaledDebt[debtIndex] = burnScaled(
      scaledDebt,
      actualDebtToLiquidate,
      debtReserve.variableBorrowIndexRay,
    );
  }

  if (actualCollateralToLiquidate + liquidationProtocolFeeAmount === userCollateralBalance)
    next.usingAsCollateral[collateralIndex] = false;

  // _burnCollateralATokens, then the treasury transfer (capped at the user's scaled balance).
  let collateralScaled = burnScaled(
    scaledCollateral,
    actualCollateralToLiquidate,
    collateralReserve.liquidityIndexRay,
  );
  if (liquidationProtocolFeeAmount !== 0n) {
    const feeScaled = rayDiv(liquidationProtocolFeeAmount, collateralReserve.liquidityIndexRay);
    if (feeScaled > collateralScaled)
      liquidationProtocolFeeAmount = rayMul(collateralScaled, collateralReserve.liquidityIndexRay);
    collateralScaled -= rayDiv(liquidationProtocolFeeAmount, collateralReserve.liquidityIndexRay);
  }
  next.scaledCollateral[collateralIndex] = collateralScaled;

  // v3.3 _burnBadDebt: every other debt reserve of a user left with no collateral is burned to deficit.
  if (hasNoCollateralLeft) {
    for (let i = 0; i < reserves.length; i++) {
      if (i === debtIndex || (next.scaledDebt[i] ?? 0n) === 0n) continue;
      const balance = rayMul(next.scaledDebt[i]!, reserves[i]!.variableBorrowIndexRay);
      next.scaledDebt[i] = burnScaled(next.scaledDebt[i]!, balance, reserves[i]!.variableBorrowIndexRay);
      deficit[i] = (deficit[i] ?? 0n) + balance;
    }
  }

  return {
    healthFactorBefore: account.healthFactor,
    actualDebtToLiquidate,
    actualCollateralToLiquidate,
    liquidationProtocolFeeAmount,
    deficit,
    position: next,
  };
}
