import { toFloat } from "../../math/toFloat.js";
import { toUnits } from "../../math/toUnits.js";
import type { CascadeContext } from "../createCascadeContext.js";
import { poolById } from "../poolById.js";
import { recordSwap } from "../recordSwap.js";
import { setPool } from "../setPool.js";
import { tradeOnPool } from "../tradeOnPool.js";
import type { BlockMarket, PerpPosition, PerpVenueModel, VenueFlows } from "../types.js";

/**
 * Stage 2 (the perp venues' flows): each venue marks at a stressed basis below spot; positions under
 * maintenance margin are liquidated, their losses hit the venue's insurance fund and then auto-deleverage
 * the winning side; part of the liquidated notional is hedged into spot on the venue's pool.
 *
 * @param ctx - the cascade context at this block (`ctx.totals.perpLiquidations` counts).
 * @param market - the block's price and drawdown.
 * @returns the underlying the venues sold into their pools and whether any position was liquidated.
 */
export function markPerps(ctx: CascadeContext, market: BlockMarket): VenueFlows {
  const { state } = ctx;
  const out: VenueFlows = { flowUnderlying: 0, activity: false };
  for (const venue of state.perps) {
    const mark = market.marketPrice * (1 - venue.basisPerDrawdown * market.drawdown);
    let sellUnderlying = 0;
    for (const p of venue.positions) {
      if (!p.open) continue;
      const equity = p.margin + p.side * p.size * (mark - p.entry);
      if (equity >= venue.maintenanceMarginRatio * p.size * mark) continue;
      p.open = false;
      ctx.totals.perpLiquidations++;
      out.activity = true;
      sellUnderlying += p.side * p.size * venue.spotPassThrough;
      if (equity < 0) absorbLoss(venue, p, equity, mark);
    }
    if (sellUnderlying === 0) continue;
    const amount = toUnits(Math.abs(sellUnderlying), state.underlying.decimals);
    const traded = tradeOnPool(
      poolById(state, venue.poolId),
      sellUnderlying > 0 ? { kind: "sell", amount } : { kind: "buy", amount },
    );
    if (traded) {
      setPool(state, traded.pool);
      recordSwap(ctx, "perp", "trader", venue.poolId, traded);
      out.flowUnderlying += -toFloat(traded.underlyingDelta, state.underlying.decimals);
    }
  }
  return out;
}

/** A bankrupt position's loss: the insurance fund first, then auto-deleveraging of the other side. */
function absorbLoss(venue: PerpVenueModel, p: PerpPosition, equity: number, mark: number): void {
  venue.insuranceFundUsd += equity;
  if (venue.insuranceFundUsd >= 0) return;
  const shortfall = -venue.insuranceFundUsd;
  venue.insuranceFundUsd = 0;
  // Auto-deleveraging: winners on the other side give up profit pro rata to cover the shortfall.
  const winners = venue.positions.filter((q) => q.open && q.side !== p.side && q.side * (mark - q.entry) > 0);
  const profit = winners.reduce((s, q) => s + q.side * q.size * (mark - q.entry), 0);
  const covered = Math.min(shortfall, profit);
  for (const q of winners) q.margin -= (covered * (q.side * q.size * (mark - q.entry))) / profit;
  venue.adlUsd += covered;
}
