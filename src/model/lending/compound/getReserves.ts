// Mirrors Comet.getReserves: balance − present supply + present borrow (indices taken as accrued).
import { BASE_INDEX_SCALE } from "./CometMath.js";
import type { CometMarket } from "./types.js";

/** The market's signed base reserves, the buffer that absorbs bad debt. */
export function getReserves(market: CometMarket): bigint {
  const totalSupply = (market.totalSupplyBase * market.baseSupplyIndex) / BASE_INDEX_SCALE;
  const totalBorrow = (market.totalBorrowBase * market.baseBorrowIndex) / BASE_INDEX_SCALE;
  return market.baseBalance - totalSupply + totalBorrow;
}
