// Mirrors aave-v3-origin 3.6.0 LiquidationLogic.executeLiquidationCall line by line: validateLiquidationCall,
// the e-mode bonus, the close factor on total debt with the $2,000 rule, the dust rule with the protocol
// fee, _burnDebtTokens (deficit), _burnCollateralATokens or (receiveAToken) transferOnLiquidation, the
// treasury transfer, _burnBadDebt; balances and amounts with TokenMath's v3.5 rounding (aToken floor, debt
// ceil, burns and transfers in favour of the protocol). No isolation mode (the replica opens none).
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { calculateUserAccountData } from "./calculateUserAccountData.js";
import type {
  ExecuteLiquidationCallParameters,
  ExecuteLiquidationCallReturnType,
} from "./executeLiquidationCall.js";
import { takeCash } from "./executeLiquidationCall.js";
import {
  CLOSE_FACTOR_HF_THRESHOLD,
  DEFAULT_LIQUIDATION_CLOSE_FACTOR,
  HEALTH_FACTOR_LIQUIDATION_THRESHOLD,
  MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD,
  MIN_LEFTOVER_BASE,
} from "./liquidationConstants.js";
import { mulDivCeil, percentDiv, percentDivCeil, percentMul } from "./PercentageMath.js";
import type { AavePosition } from "./types.js";
import { userEModeCategory } from "./userEModeCategory.js";
import { userReserveTerms } from "./userReserveTerms.js";
import { rayDivCeil, rayDivFloor, rayMulCeil, rayMulFloor } from "./WadRayMath.js";

/** ScaledBalanceTokenBase._burnScaled: a zero scaled amount reverts; the balance must cover it. */
function burnScaled(scaled: bigint, amountScaled: bigint): bigint {
  if (amountScaled === 0n) throw new MathRevertError("Aave: InvalidBurnAmount.");
  if (amountScaled > scaled) throw new MathRevertError("Aave: scaled burn exceeds the balance (panic 0x11).");
  return scaled - amountScaled;
}

/** v3.6 `_calculateAvailableCollateralToLiquidate`: the debt needed for all the collateral rounds up. */
function availableCollateral(
  collateralAssetPrice: bigint,
  collateralAssetUnit: bigint,
  debtAssetPrice: bigint,
  debtAssetUnit: bigint,
  debtToCover: bigint,
  borrowerCollateralBalance: bigint,
  liquidationBonus: bigint,
  liquidationProtocolFeePercentage: bigint,
) {
  const baseCollateral =
    (debtAssetPrice * debtToCover * collateralAssetUnit) / (collateralAssetPrice * debtAssetUnit);
  const maxCollateralToLiquidate = percentMul(baseCollateral, liquidationBonus);
  let collateralAmount: bigint;
  let debtAmountNeeded: bigint;
  if (maxCollateralToLiquidate > borrowerCollateralBalance) {
    collateralAmount = borrowerCollateralBalance;
    debtAmountNeeded = percentDivCeil(
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

/**
 * Simulates v3.6's `Pool.liquidationCall(collateral, debt, user, debtToCover, false)`.
 *
 * @returns what the liquidator pays and receives, the fee, the deficit per reserve, the position after and
 *   the reserves' cash after.
 * @throws {MathRevertError} where the contract reverts: HealthFactorNotBelowThreshold,
 *   CollateralCannotBeLiquidated, SpecifiedCurrencyNotBorrowedByUser, MustNotLeaveDust, InvalidBurnAmount,
 *   and a reserve short of cash (the virtual balance underflows).
 */
export function liquidationCallV36(
  parameters: ExecuteLiquidationCallParameters,
): ExecuteLiquidationCallReturnType {
  const { reserves, prices, position, collateralIndex, debtIndex, debtToCover } = parameters;
  const collateralReserve = reserves[collateralIndex]!;
  const debtReserve = reserves[debtIndex]!;
  const category = userEModeCategory(position, parameters.eModeCategories);
  const account =
    parameters.account ??
    calculateUserAccountData(reserves, position, prices, "v3.6", parameters.eModeCategories);
  const liquidityIndex = collateralReserve.liquidityIndexRay;
  const borrowIndex = debtReserve.variableBorrowIndexRay;

  const scaledCollateral = position.scaledCollateral[collateralIndex] ?? 0n;
  const borrowerCollateralBalance = rayMulFloor(scaledCollateral, liquidityIndex);
  const scaledDebt = position.scaledDebt[debtIndex] ?? 0n;
  const borrowerReserveDebt = rayMulCeil(scaledDebt, borrowIndex);

  // ValidationLogic.validateLiquidationCall (reserves active, not paused, no grace period, no sentinel).
  if (account.healthFactor >= HEALTH_FACTOR_LIQUIDATION_THRESHOLD)
    throw new MathRevertError("Aave: HealthFactorNotBelowThreshold.");
  if (!position.usingAsCollateral[collateralIndex])
    throw new MathRevertError("Aave: CollateralCannotBeLiquidated.");
  if (borrowerReserveDebt === 0n) throw new MathRevertError("Aave: SpecifiedCurrencyNotBorrowedByUser.");

  const collateralAssetPrice = prices[collateralIndex]!;
  const debtAssetPrice = prices[debtIndex]!;
  const collateralAssetUnit = 10n ** BigInt(collateralReserve.decimals);
  const debtAssetUnit = 10n ** BigInt(debtReserve.decimals);
  const borrowerReserveDebtInBaseCurrency = mulDivCeil(borrowerReserveDebt, debtAssetPrice, debtAssetUnit);
  const borrowerReserveCollateralInBaseCurrency =
    (borrowerCollateralBalance * collateralAssetPrice) / collateralAssetUnit;

  let maxLiquidatableDebt = borrowerReserveDebt;
  if (
    borrowerReserveCollateralInBaseCurrency >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD &&
    borrowerReserveDebtInBaseCurrency >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD &&
    account.healthFactor > CLOSE_FACTOR_HF_THRESHOLD
  ) {
    const totalDefaultLiquidatableDebtInBaseCurrency = percentMul(
      account.totalDebtBase,
      DEFAULT_LIQUIDATION_CLOSE_FACTOR,
    );
    if (borrowerReserveDebtInBaseCurrency > totalDefaultLiquidatableDebtInBaseCurrency)
      maxLiquidatableDebt = (totalDefaultLiquidatableDebtInBaseCurrency * debtAssetUnit) / debtAssetPrice;
  }
  const requested = debtToCover > maxLiquidatableDebt ? maxLiquidatableDebt : debtToCover;
  const available = availableCollateral(
    collateralAssetPrice,
    collateralAssetUnit,
    debtAssetPrice,
    debtAssetUnit,
    requested,
    borrowerCollateralBalance,
    userReserveTerms(collateralReserve, collateralIndex, category).liquidationBonusBps,
    collateralReserve.protocolFeeBps,
  );
  const actualDebtToLiquidate = available.debtAmountNeeded;
  const actualCollateralToLiquidate = available.collateralAmount;
  let liquidationProtocolFeeAmount = available.liquidationProtocolFee;

  // Dust: liquidate all the debt, or all the collateral, or leave ≥ $1,000 of both (the fee counts as taken).
  if (
    actualDebtToLiquidate < borrowerReserveDebt &&
    actualCollateralToLiquidate + liquidationProtocolFeeAmount < borrowerCollateralBalance
  ) {
    const debtLeft =
      mulDivCeil(borrowerReserveDebt - actualDebtToLiquidate, debtAssetPrice, debtAssetUnit) >=
      MIN_LEFTOVER_BASE;
    const collateralLeft =
      ((borrowerCollateralBalance - actualCollateralToLiquidate - liquidationProtocolFeeAmount) *
        collateralAssetPrice) /
        collateralAssetUnit >=
      MIN_LEFTOVER_BASE;
    if (!(debtLeft && collateralLeft)) throw new MathRevertError("Aave: MustNotLeaveDust.");
  }

  const next: AavePosition = {
    ...position,
    scaledCollateral: [...position.scaledCollateral],
    scaledDebt: [...position.scaledDebt],
    usingAsCollateral: [...position.usingAsCollateral],
  };
  if (actualCollateralToLiquidate + liquidationProtocolFeeAmount === borrowerCollateralBalance)
    next.usingAsCollateral[collateralIndex] = false;
  const hasNoCollateralLeft = account.totalCollateralBase === available.collateralToLiquidateInBaseCurrency;
  const deficit = reserves.map(() => 0n);
  const cash = parameters.cash ? [...parameters.cash] : undefined;

  // _burnDebtTokens: the whole reserve debt when no collateral is left (the rest becomes deficit); the
  // repayment is added to the reserve's virtual balance here, before the collateral leaves.
  const burnAmount = hasNoCollateralLeft ? borrowerReserveDebt : actualDebtToLiquidate;
  next.scaledDebt[debtIndex] = burnScaled(scaledDebt, rayDivFloor(burnAmount, borrowIndex));
  if (hasNoCollateralLeft) deficit[debtIndex] = borrowerReserveDebt - actualDebtToLiquidate;
  if (cash) cash[debtIndex]! += actualDebtToLiquidate;

  // receiveAToken: transferOnLiquidation moves the scaled amount (rounded up) to the liquidator, whose
  // collateral flag v3.6 leaves as it is; otherwise _burnCollateralATokens: the virtual balance gives up the
  // collateral (it underflows when short) and the aTokens are burned (rounded up).
  const seizedScaled = rayDivCeil(actualCollateralToLiquidate, liquidityIndex);
  let collateralScaled: bigint;
  if (parameters.receiveAToken) {
    if (seizedScaled > scaledCollateral)
      throw new MathRevertError("Aave: aToken transfer exceeds the balance (panic 0x11).");
    collateralScaled = scaledCollateral - seizedScaled;
  } else {
    takeCash(cash, collateralIndex, actualCollateralToLiquidate, "the seized collateral");
    collateralScaled = burnScaled(scaledCollateral, seizedScaled);
  }

  // The treasury's fee, as an aToken transfer, capped at what the borrower still holds.
  if (liquidationProtocolFeeAmount !== 0n) {
    let feeScaled = rayDivCeil(liquidationProtocolFeeAmount, liquidityIndex);
    if (feeScaled > collateralScaled) {
      feeScaled = collateralScaled;
      liquidationProtocolFeeAmount = rayMulFloor(collateralScaled, liquidityIndex);
    }
    collateralScaled -= feeScaled;
  }
  next.scaledCollateral[collateralIndex] = collateralScaled;

  // _burnBadDebt: every other debt of a borrower left with no collateral goes to its reserve's deficit.
  if (hasNoCollateralLeft) {
    for (let i = 0; i < reserves.length; i++) {
      const s = next.scaledDebt[i] ?? 0n;
      if (s === 0n) continue;
      const index = reserves[i]!.variableBorrowIndexRay;
      const balance = rayMulCeil(s, index);
      next.scaledDebt[i] = burnScaled(s, rayDivFloor(balance, index));
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
    ...(cash ? { cash } : {}),
    seizedScaledCollateral: seizedScaled,
  };
}
