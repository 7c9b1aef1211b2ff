import { toFloat } from "../../math/toFloat.js";
import { toUnits } from "../../math/toUnits.js";
import { bookGreeks } from "../../options/bookGreeks.js";
import { stressMultiplier } from "../../options/volSurface.js";
import type { CascadeContext } from "../createCascadeContext.js";
import { poolById } from "../poolById.js";
import { realisedVolatility } from "../realisedVolatility.js";
import { recordSwap } from "../recordSwap.js";
import { setPool } from "../setPool.js";
import { type Trade, tradeOnPool } from "../tradeOnPool.js";
import type { BlockMarket, BookModel, VenueFlows } from "../types.js";

/** The option books' stage output: their flows plus what the round reports of them. */
export type BookFlows = VenueFlows & {
  /** The highest stress multiplier of any book's surface (vol as an output). */
  volMultiplier: number;
  /** Dealers' total gamma exposure, USD per 1% move. */
  gexUsdPer1Pct: number;
  /** Each book's marked-to-market equity, USD. */
  equitiesUsd: number[];
};

/**
 * Stage 2, delta-hedge flows: each option market maker re-prices its book (Black–Scholes on the surface,
 * stressed by drawdown and realised vol) and trades to delta-neutral in its pool on its hedge interval;
 * one whose equity is gone stops, unwinding its hedge if its policy says so.
 *
 * @param ctx - the cascade context at this block (`ctx.totals.hedgeVolumeUnderlying` accumulates).
 * @param market - the block's price and drawdown.
 * @param blocksPerYear - annualises realised vol.
 * @returns the books' flows, vol multiplier, GEX and equities.
 */
export function rehedgeBooks(ctx: CascadeContext, market: BlockMarket, blocksPerYear: number): BookFlows {
  const { state } = ctx;
  const out: BookFlows = {
    flowUnderlying: 0,
    activity: false,
    volMultiplier: 1,
    gexUsdPer1Pct: 0,
    equitiesUsd: [],
  };
  for (const mm of state.books) {
    const realisedVol = realisedVolatility(state.priceHistory, mm.realisedWindowBlocks, blocksPerYear);
    const stress = { drawdown: market.drawdown, realisedVol };
    out.volMultiplier = Math.max(out.volMultiplier, stressMultiplier(mm.book.surface, stress));
    const greeks = bookGreeks(mm.book, {
      spot: market.marketPrice,
      timeSeconds: ctx.block * state.blockTimeSeconds,
      stress,
    });
    out.gexUsdPer1Pct += greeks.gexUsdPer1Pct;
    if (mm.active && ctx.block % mm.hedgeIntervalBlocks === 0) hedgeTo(ctx, mm, -greeks.delta, out);
    const equity =
      mm.capitalUsd +
      (greeks.value - mm.initialBookValueUsd) +
      toFloat(mm.hedgeWei, state.underlying.decimals) * market.marketPrice +
      toFloat(mm.cashQuote, state.quote.decimals);
    out.equitiesUsd.push(equity);
    if (mm.active && equity < 0) stopBook(ctx, mm, out);
  }
  return out;
}

/** Trades the book's hedge to `targetUnderlying` when the difference is at least its minimum. */
function hedgeTo(ctx: CascadeContext, mm: BookModel, targetUnderlying: number, out: BookFlows): void {
  const { state } = ctx;
  const target = toUnits(targetUnderlying, state.underlying.decimals);
  const diff = target - mm.hedgeWei;
  if (Math.abs(toFloat(diff, state.underlying.decimals)) < mm.minHedgeUnderlying || diff === 0n) return;
  const traded = tradeOnPool(
    poolById(state, mm.poolId),
    diff < 0n ? { kind: "sell", amount: -diff } : { kind: "buy", amount: diff },
  );
  if (!traded) return;
  setPool(state, traded.pool);
  recordSwap(ctx, "hedge", mm.book.id, mm.poolId, traded);
  mm.hedgeWei += traded.underlyingDelta;
  mm.cashQuote += traded.quoteDelta;
  const flow = -toFloat(traded.underlyingDelta, state.underlying.decimals);
  out.flowUnderlying += flow;
  ctx.totals.hedgeVolumeUnderlying += Math.abs(flow);
  out.activity = true;
}

/** A book out of capital stops hedging; with `liquidate`, its hedge is unwound in its pool. */
function stopBook(ctx: CascadeContext, mm: BookModel, out: BookFlows): void {
  const { state } = ctx;
  mm.active = false;
  out.activity = true;
  if (mm.onCapitalExhausted !== "liquidate" || mm.hedgeWei === 0n) return;
  const trade: Trade =
    mm.hedgeWei > 0n ? { kind: "sell", amount: mm.hedgeWei } : { kind: "buy", amount: -mm.hedgeWei };
  const unwound = tradeOnPool(poolById(state, mm.poolId), trade);
  if (!unwound) return;
  setPool(state, unwound.pool);
  recordSwap(ctx, "unwind", mm.book.id, mm.poolId, unwound);
  out.flowUnderlying += -toFloat(unwound.underlyingDelta, state.underlying.decimals);
  mm.hedgeWei += unwound.underlyingDelta;
  mm.cashQuote += unwound.quoteDelta;
}
