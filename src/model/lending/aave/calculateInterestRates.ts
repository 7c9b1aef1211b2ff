// Mirrors aave-v3-origin 3.6.0 DefaultReserveInterestRateStrategyV2.calculateInterestRates.
import { percentMul } from "./PercentageMath.js";
import { RAY, rayDiv, rayMul } from "./WadRayMath.js";

/** A reserve's rate data as the strategy stores it (bps; _bpsToRay multiplies by 1e23). */
export type InterestRateData = {
  optimalUsageRatioBps: number;
  baseVariableBorrowRateBps: number;
  variableRateSlope1Bps: number;
  variableRateSlope2Bps: number;
};

export type CalculateInterestRatesParameters = {
  rates: InterestRateData;
  /** The reserve's virtual balance (its cash), asset units. */
  virtualUnderlyingBalance: bigint;
  liquidityAdded: bigint;
  liquidityTaken: bigint;
  /** Total variable debt (scaled total × borrow index, rounded up), asset units. */
  totalDebt: bigint;
  /** The reserve's deficit (v3.6 passes it as `unbacked`). */
  deficit: bigint;
  reserveFactorBps: bigint;
};

const bpsToRay = (bps: number) => BigInt(bps) * 10n ** 23n;

/**
 * The reserve's supply and borrow rates (ray, per year) at its utilisation: the base rate plus slope 1 up to
 * the optimal usage, plus slope 2 beyond it; suppliers earn the borrow rate × supply usage × (1 − reserve
 * factor).
 *
 * @returns `{ liquidityRate, variableBorrowRate }` in ray.
 * @example calculateInterestRates({ rates, virtualUnderlyingBalance: 0n, liquidityAdded: 0n, liquidityTaken: 0n, totalDebt: 0n, deficit: 0n, reserveFactorBps: 1000n })
 */
export function calculateInterestRates(parameters: CalculateInterestRatesParameters): {
  liquidityRate: bigint;
  variableBorrowRate: bigint;
} {
  const { rates, totalDebt } = parameters;
  const optimal = bpsToRay(rates.optimalUsageRatioBps);
  let variableBorrowRate = bpsToRay(rates.baseVariableBorrowRateBps);
  if (totalDebt === 0n) return { liquidityRate: 0n, variableBorrowRate };
  const availableLiquidity =
    parameters.virtualUnderlyingBalance + parameters.liquidityAdded - parameters.liquidityTaken;
  const availableLiquidityPlusDebt = availableLiquidity + totalDebt;
  const borrowUsageRatio = rayDiv(totalDebt, availableLiquidityPlusDebt);
  const supplyUsageRatio = rayDiv(totalDebt, availableLiquidityPlusDebt + parameters.deficit);
  if (borrowUsageRatio > optimal) {
    const excess = rayDiv(borrowUsageRatio - optimal, RAY - optimal);
    variableBorrowRate +=
      bpsToRay(rates.variableRateSlope1Bps) + rayMul(bpsToRay(rates.variableRateSlope2Bps), excess);
  } else {
    variableBorrowRate += rayDiv(rayMul(bpsToRay(rates.variableRateSlope1Bps), borrowUsageRatio), optimal);
  }
  const liquidityRate = percentMul(
    rayMul(variableBorrowRate, supplyUsageRatio),
    10_000n - parameters.reserveFactorBps,
  );
  return { liquidityRate, variableBorrowRate };
}

/** Whether rate data gives any rate above zero (a strategy of zeros leaves the indices where they are). */
export function hasRates(rates: InterestRateData): boolean {
  return (
    rates.baseVariableBorrowRateBps > 0 || rates.variableRateSlope1Bps > 0 || rates.variableRateSlope2Bps > 0
  );
}
