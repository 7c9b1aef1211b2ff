// Mirrors Comet.getReserves: balance − present supply + present borrow, at the indices accrued to now.
import { accruedInterestIndices } from "./accrueInternal.js";
import { BASE_INDEX_SCALE } from "./CometMath.js";
import type { CometMarket } from "./types.js";

/**
 * The market's signed base reserves, the buffer that absorbs bad debt.
 *
 * @param market - the stored state.
 * @param nowSeconds - the block's time relative to block 0 (default: the last accrual, no interest).
 */
export function getReserves(market: CometMarket, nowSeconds: bigint = market.lastAccrualSeconds): bigint {
  const { baseSupplyIndex, baseBorrowIndex } = accruedInterestIndices(
    market,
    nowSeconds - market.lastAccrualSeconds,
  );
  const totalSupply = (market.totalSupplyBase * baseSupplyIndex) / BASE_INDEX_SCALE;
  const totalBorrow = (market.totalBorrowBase * baseBorrowIndex) / BASE_INDEX_SCALE;
  return market.baseBalance - totalSupply + totalBorrow;
}
