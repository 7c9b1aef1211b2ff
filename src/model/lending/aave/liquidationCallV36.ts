// Mirrors aave-v3-origin 3.6.0 LiquidationLogic.executeLiquidationCall line by line: validateLiquidationCall,
// the e-mode bonus, the close factor on total debt with the $2,000 rule, the dust rule with the protocol
// fee, _burnDebtTokens (deficit), _burnCollateralATokens or (receiveAToken) transferOnLiquidation, the
// treasury transfer, _burnBadDebt; balances and amounts with TokenMath's v3.5 rounding (aToken floor, debt
// ceil, burns and transfers in favour of the protocol). No isolation mode (the replica opens none).
// Profile v3.7 (aave-v3-origin at 4fbd7442, "feat : v3.7.0"): _calculateAvailableCollateralToLiquidate
// rounds in fixed directions (percentMulFloor, percentDivFloor, the fee percentMulCeil), and the last
// collateral is detected by the scaled amounts the burn and the fee transfer consume.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { calculateUserAccountData } from "./calculateUserAccountData.js";
import type {
  ExecuteLiquidationCallParameters,
  ExecuteLiquidationCallReturnType,
} from "./executeLiquidationCall.js";
import { TOKEN_BALANCE_SHORT, takeCash } from "./executeLiquidationCall.js";
import {
  CLOSE_FACTOR_HF_THRESHOLD,
  DEFAULT_LIQUIDATION_CLOSE_FACTOR,
  HEALTH_FACTOR_LIQUIDATION_THRESHOLD,
  MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD,
  MIN_LEFTOVER_BASE,
} from "./liquidationConstants.js";
import {
  mulDivCeil,
  percentDiv,
  percentDivCeil,
  percentDivFloor,
  percentMul,
  percentMulCeil,
  percentMulFloor,
} from "./PercentageMath.js";
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

/**
 * The close factor on total debt with the $2,000 rule: all the reserve's debt when the position is at HF ≤
 * 0.95 or either side of the pair is under $2,000, otherwise at most what half the *total* debt is worth.
 */
function closeFactorCap(
  account: { healthFactor: bigint; totalDebtBase: bigint },
  x: { debt: bigint; debtPrice: bigint; debtUnit: bigint; collateralBase: bigint },
): bigint {
  const debtBase = mulDivCeil(x.debt, x.debtPrice, x.debtUnit);
  if (
    x.collateralBase < MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD ||
    debtBase < MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD ||
    account.healthFactor <= CLOSE_FACTOR_HF_THRESHOLD
  )
    return x.debt;
  const half = percentMul(account.totalDebtBase, DEFAULT_LIQUIDATION_CLOSE_FACTOR);
  return debtBase > half ? (half * x.debtUnit) / x.debtPrice : x.debt;
}

/**
 * Whether the liquidation takes the borrower's last collateral (its other debts then go to the deficit)
 * and whether the collateral's flag is cleared. v3.6: the flag when seized + fee is the whole balance, the
 * last collateral when the seizure's base value (before the fee) is all the collateral's. v3.7: by the
 * scaled amounts the burn or transfer and the fee transfer consume (each rounded up, capped at the scaled
 * balance): the flag when they take all of it or nothing is left; the last collateral when their value is
 * all the collateral's.
 */
function lastCollateral(
  v37: boolean,
  x: {
    seized: bigint;
    fee: bigint;
    scaledCollateral: bigint;
    balance: bigint;
    liquidityIndex: bigint;
    price: bigint;
    unit: bigint;
    totalCollateralBase: bigint;
    seizedBase: bigint;
  },
): { hasNoCollateralLeft: boolean; clearFlag: boolean } {
  if (!v37)
    return {
      hasNoCollateralLeft: x.totalCollateralBase === x.seizedBase,
      clearFlag: x.seized + x.fee === x.balance,
    };
  let consumed = rayDivCeil(x.seized, x.liquidityIndex) + rayDivCeil(x.fee, x.liquidityIndex);
  if (consumed > x.scaledCollateral) consumed = x.scaledCollateral;
  const consumedBase = (rayMulFloor(consumed, x.liquidityIndex) * x.price) / x.unit;
  const hasNoCollateralLeft = consumedBase === x.totalCollateralBase;
  return { hasNoCollateralLeft, clearFlag: consumed === x.scaledCollateral || hasNoCollateralLeft };
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
  v37: boolean,
) {
  const baseCollateral =
    (debtAssetPrice * debtToCover * collateralAssetUnit) / (collateralAssetPrice * debtAssetUnit);
  const maxCollateralToLiquidate = v37
    ? percentMulFloor(baseCollateral, liquidationBonus)
    : percentMul(baseCollateral, liquidationBonus);
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
    const bonusCollateral =
      collateralAmount -
      (v37
        ? percentDivFloor(collateralAmount, liquidationBonus)
        : percentDiv(collateralAmount, liquidationBonus));
    liquidationProtocolFee = v37
      ? percentMulCeil(bonusCollateral, liquidationProtocolFeePercentage)
      : percentMul(bonusCollateral, liquidationProtocolFeePercentage);
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
  const v37 = parameters.profile === "v3.7";
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
  const maxLiquidatableDebt = closeFactorCap(account, {
    debt: borrowerReserveDebt,
    debtPrice: debtAssetPrice,
    debtUnit: debtAssetUnit,
    collateralBase: (borrowerCollateralBalance * collateralAssetPrice) / collateralAssetUnit,
  });
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
    v37,
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
  const last = lastCollateral(v37, {
    seized: actualCollateralToLiquidate,
    fee: liquidationProtocolFeeAmount,
    scaledCollateral,
    balance: borrowerCollateralBalance,
    liquidityIndex,
    price: collateralAssetPrice,
    unit: collateralAssetUnit,
    totalCollateralBase: account.totalCollateralBase,
    seizedBase: available.collateralToLiquidateInBaseCurrency,
  });
  if (last.clearFlag) next.usingAsCollateral[collateralIndex] = false;
  const { hasNoCollateralLeft } = last;
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
  let collateralScaled = seizeCollateral({
    scaledCollateral,
    seizedScaled,
    amount: actualCollateralToLiquidate,
    receiveAToken: parameters.receiveAToken ?? false,
    cashBefore: collateralIndex === debtIndex ? parameters.cash?.[collateralIndex] : undefined,
    cash,
    collateralIndex,
  });

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

/**
 * The seizure's side of the borrower's collateral: with receiveAToken, the scaled aTokens transferred (the
 * borrower must hold them); otherwise _burnCollateralATokens: the aToken pays the underlying out of its
 * token balance before the liquidator's repayment arrives (the debt's transferFrom is LiquidationLogic's
 * last step), so in one reserve the repayment counted in the virtual balance cannot fund it and the token's
 * own transfer reverts first (`cashBefore`: that reserve's cash before the liquidation); then the virtual
 * balance gives it up and the aTokens are burned.
 *
 * @returns the borrower's scaled collateral left.
 */
function seizeCollateral(p: {
  scaledCollateral: bigint;
  seizedScaled: bigint;
  amount: bigint;
  receiveAToken: boolean;
  cashBefore: bigint | undefined;
  cash: bigint[] | undefined;
  collateralIndex: number;
}): bigint {
  if (p.receiveAToken) {
    if (p.seizedScaled > p.scaledCollateral)
      throw new MathRevertError("Aave: aToken transfer exceeds the balance (panic 0x11).");
    return p.scaledCollateral - p.seizedScaled;
  }
  if (p.cashBefore !== undefined && p.amount > p.cashBefore)
    throw new MathRevertError(
      `Aave: ${TOKEN_BALANCE_SHORT} (the aToken holds ${p.cashBefore} of the underlying; the seized collateral needs ${p.amount} before the repayment arrives).`,
    );
  takeCash(p.cash, p.collateralIndex, p.amount, "the seized collateral");
  return burnScaled(p.scaledCollateral, p.seizedScaled);
}
