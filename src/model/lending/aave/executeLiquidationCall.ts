// Mirrors LiquidationLogic.executeLiquidationCall for receiveAToken = false:
//  - profile v3.0: @aave/core-v3 1.19.3 (_calculateDebt close factor, no dust rule, no deficit), here;
//  - profile v3.6: aave-v3-origin 3.6.0 (close factor on total debt, the dust rule with the protocol fee,
//    deficit, v3.5's floor/ceil rounding), in liquidationCallV36.ts.
// Both check the reserve's cash: the seized underlying leaves the aToken, which reverts when it is short.

import { MathRevertError } from "../../../errors/MathRevertError.js";
import { calculateUserAccountData, type UserAccountData } from "./calculateUserAccountData.js";
import { isOriginProfile } from "./isOriginProfile.js";
import { liquidationCallV36 } from "./liquidationCallV36.js";
import {
  CLOSE_FACTOR_HF_THRESHOLD,
  DEFAULT_LIQUIDATION_CLOSE_FACTOR,
  HEALTH_FACTOR_LIQUIDATION_THRESHOLD,
  MAX_LIQUIDATION_CLOSE_FACTOR,
} from "./liquidationConstants.js";
import { percentDiv, percentMul } from "./PercentageMath.js";
import type {
  AaveEModeCategory,
  AavePosition,
  AavePrices,
  AaveReserve,
  AaveVersionProfile,
} from "./types.js";
import { userEModeCategory } from "./userEModeCategory.js";
import { rayDiv, rayMul } from "./WadRayMath.js";

export * from "./liquidationConstants.js";

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
  /**
   * Underlying each reserve can pay out, per reserve index (v3.0: the aToken's balance; v3.6: the reserve's
   * virtual balance). Omitted: unlimited.
   */
  cash?: readonly bigint[];
  /** v3.6: the market's e-mode categories, for a borrower in one (its threshold and bonus apply). */
  eModeCategories?: readonly AaveEModeCategory[];
  /** v3.6: the liquidator takes the collateral as aTokens (no underlying leaves the reserve). Default false. */
  receiveAToken?: boolean;
};

export type ExecuteLiquidationCallReturnType = {
  healthFactorBefore: bigint;
  /** Debt repaid by the liquidator (debt asset units). */
  actualDebtToLiquidate: bigint;
  /** Collateral sent to the liquidator (collateral asset units). */
  actualCollateralToLiquidate: bigint;
  /** Collateral sent to the treasury. */
  liquidationProtocolFeeAmount: bigint;
  /** v3.6 only: debt burned into the reserve's deficit (debt asset units), per reserve index. */
  deficit: bigint[];
  position: AavePosition;
  /** Each reserve's cash after the liquidation (when `cash` was given). */
  cash?: bigint[];
  /**
   * v3.6: the scaled aTokens the seized collateral takes from the borrower (rounded up): burned, or with
   * receiveAToken transferred to the liquidator (transferOnLiquidation's scaledAmount). The fee's are apart.
   */
  seizedScaledCollateral?: bigint;
};

/** v3.0's _calculateAvailableCollateralToLiquidate (half-up percentDiv). */
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
  let liquidationProtocolFee = 0n;
  if (liquidationProtocolFeePercentage !== 0n) {
    const bonusCollateral = collateralAmount - percentDiv(collateralAmount, liquidationBonus);
    liquidationProtocolFee = percentMul(bonusCollateral, liquidationProtocolFeePercentage);
    collateralAmount -= liquidationProtocolFee;
  }
  return { collateralAmount, debtAmountNeeded, liquidationProtocolFee };
}

/** Burn `amount` of a scaled balance at `index`, as ScaledBalanceTokenBase._burnScaled does (rayDiv, half up). */
function burnScaled(scaled: bigint, amount: bigint, indexRay: bigint): bigint {
  const amountScaled = rayDiv(amount, indexRay);
  if (amountScaled === 0n) throw new MathRevertError("Aave: INVALID_BURN_AMOUNT (25).");
  // IncentivizedERC20._burn's balance − amount underflows.
  if (amountScaled > scaled) throw new MathRevertError("Aave: panic 0x11 (burn exceeds the scaled balance).");
  return scaled - amountScaled;
}

/**
 * Simulates `Pool.liquidationCall(collateral, debt, user, debtToCover, false)` on a position.
 *
 * @returns What the liquidator pays and receives, the treasury's fee, any deficit, and the position after.
 * @throws {MathRevertError} with the contract's error where it reverts: HF ≥ 1 (45), collateral not
 *   usable (46), nothing borrowed (47), on v3.6 MustNotLeaveDust, and when the reserve's cash is short.
 */
export function executeLiquidationCall(
  parameters: ExecuteLiquidationCallParameters,
): ExecuteLiquidationCallReturnType {
  return isOriginProfile(parameters.profile)
    ? liquidationCallV36(parameters)
    : liquidationCallV30(parameters);
}

/** The model's name for an ERC20 transfer out of an aToken that holds too little (the token reverts). */
export const TOKEN_BALANCE_SHORT = "token transfer exceeds balance";

/**
 * The cash left after `amount` leaves a v3.0 reserve. Its strategy prices the rates on the aToken's
 * balance less the amount before the transfer, which underflows (panic 0x11) while the reserve has debt
 * (`scaledDebt`: its scaled total then, by default the accrual's); without debt, or without rates, the
 * aToken's transfer of the underlying reverts instead.
 *
 * @throws {MathRevertError} panic 0x11, or the token's balance error.
 */
export function takeCashV30(
  reserve: Pick<AaveReserve, "accrual">,
  cash: bigint,
  amount: bigint,
  scaledDebt: bigint = reserve.accrual?.totalScaledDebt ?? 0n,
): bigint {
  if (cash >= amount) return cash - amount;
  const priced = reserve.accrual !== undefined && scaledDebt > 0n;
  throw new MathRevertError(
    `Aave: ${priced ? "panic 0x11" : TOKEN_BALANCE_SHORT} (the reserve has ${cash} of cash, ${amount} must leave it).`,
  );
}

/** Takes `amount` of a reserve's cash (reverting as the chain does when it is short). */
export function takeCash(cash: bigint[] | undefined, index: number, amount: bigint, what: string): void {
  if (cash === undefined) return;
  if (cash[index]! < amount)
    throw new MathRevertError(
      `Aave: panic 0x11 (the reserve has ${cash[index]} of cash, ${what} needs ${amount}; its virtual balance underflows).`,
    );
  cash[index]! -= amount;
}

/**
 * v3.0 (@aave/core-v3 1.19.3) LiquidationLogic.executeLiquidationCall: with receiveAToken the seized aTokens
 * move to the liquidator (transferOnLiquidation: `amount` rayDiv the index, half up) and no underlying
 * leaves; otherwise they are burned and the aToken pays the underlying out.
 */
function liquidationCallV30(parameters: ExecuteLiquidationCallParameters): ExecuteLiquidationCallReturnType {
  const { profile, reserves, prices, position, collateralIndex, debtIndex, debtToCover } = parameters;
  const collateralReserve = reserves[collateralIndex]!;
  const debtReserve = reserves[debtIndex]!;
  const account =
    parameters.account ??
    calculateUserAccountData(reserves, position, prices, profile, parameters.eModeCategories);
  // _getConfigurationData: the category's bonus for collateral in the user's category (no price sources).
  const category = userEModeCategory(position, parameters.eModeCategories);
  const liquidationBonusBps = category?.collateral[collateralIndex]
    ? category.liquidationBonusBps
    : collateralReserve.liquidationBonusBps;

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

  const closeFactor =
    account.healthFactor > CLOSE_FACTOR_HF_THRESHOLD
      ? DEFAULT_LIQUIDATION_CLOSE_FACTOR
      : MAX_LIQUIDATION_CLOSE_FACTOR;
  const maxLiquidatableDebt = percentMul(userReserveDebt, closeFactor);
  const requested = debtToCover > maxLiquidatableDebt ? maxLiquidatableDebt : debtToCover;

  const available = calculateAvailableCollateralToLiquidate(
    collateralAssetPrice,
    collateralAssetUnit,
    debtAssetPrice,
    debtAssetUnit,
    requested,
    userCollateralBalance,
    liquidationBonusBps,
    collateralReserve.protocolFeeBps,
  );
  const actualDebtToLiquidate = available.debtAmountNeeded;
  const actualCollateralToLiquidate = available.collateralAmount;
  let liquidationProtocolFeeAmount = available.liquidationProtocolFee;

  const next: AavePosition = {
    ...position,
    scaledCollateral: [...position.scaledCollateral],
    scaledDebt: [...position.scaledDebt],
    usingAsCollateral: [...position.usingAsCollateral],
  };
  next.scaledDebt[debtIndex] = burnScaled(
    scaledDebt,
    actualDebtToLiquidate,
    debtReserve.variableBorrowIndexRay,
  );
  if (actualCollateralToLiquidate + liquidationProtocolFeeAmount === userCollateralBalance)
    next.usingAsCollateral[collateralIndex] = false;

  // _burnCollateralATokens (the aToken sends the underlying: it must hold it), then the treasury transfer
  // (capped at the user's scaled balance); the liquidator's repayment arrives last.
  const cash = parameters.cash ? [...parameters.cash] : undefined;
  const seizedScaledCollateral = rayDiv(actualCollateralToLiquidate, collateralReserve.liquidityIndexRay);
  let collateralScaled: bigint;
  if (parameters.receiveAToken) {
    if (seizedScaledCollateral > scaledCollateral)
      throw new MathRevertError("Aave: aToken transfer exceeds the balance (panic 0x11).");
    collateralScaled = scaledCollateral - seizedScaledCollateral;
  } else {
    // The collateral reserve is priced on its cash less the seizure, with the debt this one's burn left.
    if (cash)
      cash[collateralIndex] = takeCashV30(
        collateralReserve,
        cash[collateralIndex]!,
        actualCollateralToLiquidate,
        (collateralReserve.accrual?.totalScaledDebt ?? 0n) -
          (collateralIndex === debtIndex ? scaledDebt - next.scaledDebt[debtIndex]! : 0n),
      );
    collateralScaled = burnScaled(
      scaledCollateral,
      actualCollateralToLiquidate,
      collateralReserve.liquidityIndexRay,
    );
  }
  if (cash) cash[debtIndex]! += actualDebtToLiquidate;
  if (liquidationProtocolFeeAmount !== 0n) {
    const feeScaled = rayDiv(liquidationProtocolFeeAmount, collateralReserve.liquidityIndexRay);
    if (feeScaled > collateralScaled)
      liquidationProtocolFeeAmount = rayMul(collateralScaled, collateralReserve.liquidityIndexRay);
    collateralScaled -= rayDiv(liquidationProtocolFeeAmount, collateralReserve.liquidityIndexRay);
  }
  next.scaledCollateral[collateralIndex] = collateralScaled;

  return {
    healthFactorBefore: account.healthFactor,
    actualDebtToLiquidate,
    actualCollateralToLiquidate,
    liquidationProtocolFeeAmount,
    deficit: reserves.map(() => 0n),
    position: next,
    ...(cash ? { cash } : {}),
    seizedScaledCollateral,
  };
}
