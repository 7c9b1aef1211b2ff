// Mirrors aave-v3-origin 3.6.0 ReserveLogic: getNormalizedIncome / getNormalizedDebt, updateState's
// _updateIndexes, and updateInterestRatesAndVirtualBalance's rate update (the treasury's accrual is not
// modelled: nothing a liquidation computes reads it).
import { calculateInterestRates } from "./calculateInterestRates.js";
import { calculateCompoundedInterest, calculateLinearInterest } from "./MathUtils.js";
import type { AaveReserveAccrual } from "./types.js";
import { rayMul, rayMulCeil } from "./WadRayMath.js";

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
      calculateCompoundedInterest(accrual.variableBorrowRateRay, dt),
      accrual.storedVariableBorrowIndexRay,
    ),
  };
}

/**
 * ReserveLogic.updateState at `nowSeconds`: the liquidity index is cumulated only while the supply rate is
 * not zero, the borrow index only while there is variable debt; the last update moves to now either way.
 *
 * @returns the reserve's accrual after the update (a new object).
 */
export function updateState(accrual: AaveReserveAccrual, nowSeconds: bigint): AaveReserveAccrual {
  if (accrual.lastUpdateSeconds === nowSeconds) return accrual;
  const next = normalizedIndices(accrual, nowSeconds);
  return {
    ...accrual,
    storedLiquidityIndexRay:
      accrual.liquidityRateRay !== 0n ? next.liquidityIndexRay : accrual.storedLiquidityIndexRay,
    storedVariableBorrowIndexRay:
      accrual.totalScaledDebt !== 0n ? next.variableBorrowIndexRay : accrual.storedVariableBorrowIndexRay,
    lastUpdateSeconds: nowSeconds,
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
