// Mirrors what @aave/core-v3 1.19.3 (Aave v3.0) does differently from aave-v3-origin 3.6.0 in the interest
// (ReserveLogic takes the rest): MathUtils.calculateCompoundedInterest, updateState's _accrueToTreasury,
// updateInterestRates and DefaultReserveInterestRateStrategy.calculateInterestRates, for reserves with no
// stable debt (the replica never enables stable borrowing): every rayMul and rayDiv half up.
import type { InterestRateData } from "./calculateInterestRates.js";
import { SECONDS_PER_YEAR } from "./MathUtils.js";
import { percentMul } from "./PercentageMath.js";
import type { AaveReserveAccrual } from "./types.js";
import { RAY, rayDiv, rayMul } from "./WadRayMath.js";

/**
 * v3.0's compounded interest: the binomial expansion 1 + rt + n(n−1)/2·r² + n(n−1)(n−2)/6·r³ with the
 * per-second powers rounded as the contract rounds them (v3.6 changed the formula).
 *
 * @example calculateCompoundedInterestV30(0n, 100n) // RAY
 */
export function calculateCompoundedInterestV30(rateRay: bigint, seconds: bigint): bigint {
  if (seconds === 0n) return RAY;
  const expMinusOne = seconds - 1n;
  const expMinusTwo = seconds > 2n ? seconds - 2n : 0n;
  const basePowerTwo = rayMul(rateRay, rateRay) / (SECONDS_PER_YEAR * SECONDS_PER_YEAR);
  const basePowerThree = rayMul(basePowerTwo, rateRay) / SECONDS_PER_YEAR;
  const secondTerm = (seconds * expMinusOne * basePowerTwo) / 2n;
  const thirdTerm = (seconds * expMinusOne * expMinusTwo * basePowerThree) / 6n;
  return RAY + (rateRay * seconds) / SECONDS_PER_YEAR + secondTerm + thirdTerm;
}

/**
 * updateState's _accrueToTreasury on v3.0: the reserve factor's share of the growth of the variable debt
 * (its total before and after, each rayMul half up), rayDiv the new liquidity index (half up).
 *
 * @returns the scaled amount the treasury's accrued share grows by.
 */
export function treasuryAccrualV30(
  accrual: AaveReserveAccrual,
  next: { borrowIndex: bigint; liquidityIndex: bigint },
): bigint {
  if (accrual.reserveFactorBps === 0n) return 0n;
  const prev = rayMul(accrual.totalScaledDebt, accrual.storedVariableBorrowIndexRay);
  const curr = rayMul(accrual.totalScaledDebt, next.borrowIndex);
  const toMint = percentMul(curr - prev, accrual.reserveFactorBps);
  return toMint === 0n ? 0n : rayDiv(toMint, next.liquidityIndex);
}

/**
 * updateInterestRates once an action is done: the variable debt (scaled total rayMul the borrow index,
 * half up) and the aToken's balance of the underlying (its cash) through the v3.0 strategy.
 */
export function updateRatesV30(
  accrual: AaveReserveAccrual,
  state: { availableLiquidity: bigint },
): AaveReserveAccrual {
  const rates = calculateInterestRatesV30({
    rates: accrual.rates,
    availableLiquidity: state.availableLiquidity,
    totalVariableDebt: rayMul(accrual.totalScaledDebt, accrual.storedVariableBorrowIndexRay),
    reserveFactorBps: accrual.reserveFactorBps,
  });
  return {
    ...accrual,
    liquidityRateRay: rates.liquidityRate,
    variableBorrowRateRay: rates.variableBorrowRate,
  };
}

const bpsToRay = (bps: number) => BigInt(bps) * 10n ** 23n;
const wadToRay = (wad: bigint) => wad * 10n ** 9n;

/**
 * DefaultReserveInterestRateStrategy (v3.0) with no stable debt and no unbacked: the variable rate from the
 * borrow usage (base, slope 1 up to the optimal usage, slope 2 beyond it), the supply rate the overall
 * borrow rate (the debt-weighted average, rayMul then rayDiv) × usage × (1 − reserve factor). The rates
 * are the strategy's constructor arguments, bps as rays (the replica deploys them so).
 */
export function calculateInterestRatesV30(p: {
  rates: InterestRateData;
  availableLiquidity: bigint;
  totalVariableDebt: bigint;
  reserveFactorBps: bigint;
}): { liquidityRate: bigint; variableBorrowRate: bigint } {
  const optimal = bpsToRay(p.rates.optimalUsageRatioBps);
  const slope1 = bpsToRay(p.rates.variableRateSlope1Bps);
  const slope2 = bpsToRay(p.rates.variableRateSlope2Bps);
  let variableBorrowRate = bpsToRay(p.rates.baseVariableBorrowRateBps);
  const totalDebt = p.totalVariableDebt;
  let usage = 0n;
  if (totalDebt !== 0n) usage = rayDiv(totalDebt, p.availableLiquidity + totalDebt);
  if (usage > optimal) variableBorrowRate += slope1 + rayMul(slope2, rayDiv(usage - optimal, RAY - optimal));
  else variableBorrowRate += rayDiv(rayMul(slope1, usage), optimal);
  const overall =
    totalDebt === 0n ? 0n : rayDiv(rayMul(wadToRay(totalDebt), variableBorrowRate), wadToRay(totalDebt));
  const liquidityRate = percentMul(rayMul(overall, usage), 10_000n - p.reserveFactorBps);
  return { liquidityRate, variableBorrowRate };
}
