// Mirrors aave-v3-origin 3.6.0 ReserveLogic (for an accrual whose profile is v3.0, @aave/core-v3 1.19.3's:
// the parts that differ, compounding, the treasury's share and the rate strategy, in ReserveLogicV30): getNormalizedIncome / getNormalizedDebt, updateState's
// _updateIndexes and _accrueToTreasury, and updateInterestRatesAndVirtualBalance's rate update.
import { calculateInterestRates } from "./calculateInterestRates.js";
import { calculateCompoundedInterest, calculateLinearInterest } from "./MathUtils.js";
import { percentMul } from "./PercentageMath.js";
import { calculateCompoundedInterestV30, treasuryAccrualV30, updateRatesV30 } from "./ReserveLogicV30.js";
import type { AaveReserveAccrual } from "./types.js";
import { rayDivFloor, rayMul, rayMulCeil, rayMulFloor } from "./WadRayMath.js";

/**
 * The reserve's indices at `nowSeconds` (the same clock as `lastUpdateSeconds`): supply interest linear,
 * borrow interest compounded since the last update; the stored ones when no time has passed.
 *
 * @example normalizedIndices(accrual, 12n) // { liquidityIndexRay, variableBorrowIndexRay }
 */
export function normalizedIndices(
  accrual: AaveReserveAccrual,
  nowSeconds: bigint,
): { liquidityIndexRay: bigint; variableBorrowIndexRay: bigint } {
  const compounded =
    accrual.profile === "v3.0" ? calculateCompoundedInterestV30 : calculateCompoundedInterest;
  const dt = nowSeconds - accrual.lastUpdateSeconds;
  if (dt === 0n)
    return {
      liquidityIndexRay: accrual.storedLiquidityIndexRay,
      variableBorrowIndexRay: accrual.storedVariableBorrowIndexRay,
    };
  return {
    liquidityIndexRay: rayMul(
      calculateLinearInterest(accrual.liquidityRateRay, dt),
      accrual.storedLiquidityIndexRay,
    ),
    variableBorrowIndexRay: rayMul(
      compounded(accrual.variableBorrowRateRay, dt),
      accrual.storedVariableBorrowIndexRay,
    ),
  };
}

/**
 * ReserveLogic.updateState at `nowSeconds`: the liquidity index is cumulated only while the supply rate is
 * not zero, the borrow index only while there is variable debt; the treasury accrues the reserve factor's
 * share of the debt's growth (scaled at the new liquidity index, rounded down); the last update moves to
 * now either way.
 *
 * @returns the reserve's accrual after the update (a new object).
 */
export function updateState(accrual: AaveReserveAccrual, nowSeconds: bigint): AaveReserveAccrual {
  if (accrual.lastUpdateSeconds === nowSeconds) return accrual;
  const next = normalizedIndices(accrual, nowSeconds);
  const liquidityIndex =
    accrual.liquidityRateRay !== 0n ? next.liquidityIndexRay : accrual.storedLiquidityIndexRay;
  const borrowIndex =
    accrual.totalScaledDebt !== 0n ? next.variableBorrowIndexRay : accrual.storedVariableBorrowIndexRay;
  let accruedToTreasury = accrual.accruedToTreasury ?? 0n;
  if (accrual.profile === "v3.0")
    accruedToTreasury += treasuryAccrualV30(accrual, { borrowIndex, liquidityIndex });
  else if (accrual.reserveFactorBps !== 0n) {
    const debtAccrued = rayMulFloor(
      accrual.totalScaledDebt,
      borrowIndex - accrual.storedVariableBorrowIndexRay,
    );
    const toMint = percentMul(debtAccrued, accrual.reserveFactorBps);
    if (toMint !== 0n) accruedToTreasury += rayDivFloor(toMint, liquidityIndex);
  }
  return {
    ...accrual,
    storedLiquidityIndexRay: liquidityIndex,
    storedVariableBorrowIndexRay: borrowIndex,
    lastUpdateSeconds: nowSeconds,
    accruedToTreasury,
  };
}

/**
 * The reserve's rates after an action, from its state once the action is done: total debt (scaled total ×
 * the stored borrow index, rounded up), its virtual balance and its deficit, as the strategy computes them.
 *
 * @returns the reserve's accrual with the new rates (a new object).
 */
export function updateRates(
  accrual: AaveReserveAccrual,
  state: { virtualUnderlyingBalance: bigint; deficit: bigint },
): AaveReserveAccrual {
  // v3.0's strategy reads the aToken's balance of the underlying: the cash, as the virtual balance is.
  if (accrual.profile === "v3.0")
    return updateRatesV30(accrual, { availableLiquidity: state.virtualUnderlyingBalance });
  const rates = calculateInterestRates({
    rates: accrual.rates,
    virtualUnderlyingBalance: state.virtualUnderlyingBalance,
    liquidityAdded: 0n,
    liquidityTaken: 0n,
    totalDebt: rayMulCeil(accrual.totalScaledDebt, accrual.storedVariableBorrowIndexRay),
    deficit: state.deficit,
    reserveFactorBps: accrual.reserveFactorBps,
  });
  return {
    ...accrual,
    liquidityRateRay: rates.liquidityRate,
    variableBorrowRateRay: rates.variableBorrowRate,
  };
}
