// Mirrors Comet's interest (compound-finance/comet contracts/Comet.sol at d5a30b0a): getUtilization,
// getSupplyRate, getBorrowRate, accruedInterestIndices and accrueInternal. The indices are accrued lazily:
// only an interaction (supply, withdraw, absorb, accrueAccount) stores them; views such as isLiquidatable
// read the stored ones, getReserves the accrued ones.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { BASE_INDEX_SCALE, FACTOR_SCALE, mulFactor } from "./CometMath.js";
import type { CometMarket } from "./types.js";

/** Seconds in Comet's year (CometCore.SECONDS_PER_YEAR): per-year configuration rates are divided by it. */
export const SECONDS_PER_YEAR = 31_536_000n;
const MAX_UINT64 = (1n << 64n) - 1n;

/** Comet.getUtilization: present borrows / present supply, 1e18-scaled, at the stored indices. */
export function getUtilization(market: CometMarket): bigint {
  const totalSupply = (market.totalSupplyBase * market.baseSupplyIndex) / BASE_INDEX_SCALE;
  const totalBorrow = (market.totalBorrowBase * market.baseBorrowIndex) / BASE_INDEX_SCALE;
  return totalSupply === 0n ? 0n : (totalBorrow * FACTOR_SCALE) / totalSupply;
}

/** Comet.getSupplyRate: per second, kinked. */
export function getSupplyRate(market: CometMarket, utilization: bigint): bigint {
  const r = market.rates;
  return utilization <= r.supplyKink
    ? r.supplyPerSecondInterestRateBase + mulFactor(r.supplyPerSecondInterestRateSlopeLow, utilization)
    : r.supplyPerSecondInterestRateBase +
        mulFactor(r.supplyPerSecondInterestRateSlopeLow, r.supplyKink) +
        mulFactor(r.supplyPerSecondInterestRateSlopeHigh, utilization - r.supplyKink);
}

/** Comet.getBorrowRate: per second, kinked. */
export function getBorrowRate(market: CometMarket, utilization: bigint): bigint {
  const r = market.rates;
  return utilization <= r.borrowKink
    ? r.borrowPerSecondInterestRateBase + mulFactor(r.borrowPerSecondInterestRateSlopeLow, utilization)
    : r.borrowPerSecondInterestRateBase +
        mulFactor(r.borrowPerSecondInterestRateSlopeLow, r.borrowKink) +
        mulFactor(r.borrowPerSecondInterestRateSlopeHigh, utilization - r.borrowKink);
}

/** Comet.accruedInterestIndices: the indices `timeElapsed` seconds after the last accrual (simple interest). */
export function accruedInterestIndices(
  market: CometMarket,
  timeElapsed: bigint,
): { baseSupplyIndex: bigint; baseBorrowIndex: bigint } {
  if (timeElapsed <= 0n)
    return { baseSupplyIndex: market.baseSupplyIndex, baseBorrowIndex: market.baseBorrowIndex };
  const utilization = getUtilization(market);
  const supplyRate = getSupplyRate(market, utilization);
  const borrowRate = getBorrowRate(market, utilization);
  const baseSupplyIndex =
    market.baseSupplyIndex + mulFactor(market.baseSupplyIndex, supplyRate * timeElapsed);
  const baseBorrowIndex =
    market.baseBorrowIndex + mulFactor(market.baseBorrowIndex, borrowRate * timeElapsed);
  if (baseSupplyIndex > MAX_UINT64 || baseBorrowIndex > MAX_UINT64)
    throw new MathRevertError(
      "Comet: InvalidUInt64() (an index would leave uint64: safe64 reverts the accrual).",
    );
  return { baseSupplyIndex, baseBorrowIndex };
}

/**
 * Comet.accrueInternal at `nowSeconds` (relative to block 0): the stored indices brought forward and the
 * accrual time moved, when any time has passed; the market unchanged otherwise. Reward tracking is left
 * out: it moves no base balance.
 */
export function accrueInternal(market: CometMarket, nowSeconds: bigint): CometMarket {
  const timeElapsed = nowSeconds - market.lastAccrualSeconds;
  if (timeElapsed <= 0n) return market;
  return { ...market, ...accruedInterestIndices(market, timeElapsed), lastAccrualSeconds: nowSeconds };
}
