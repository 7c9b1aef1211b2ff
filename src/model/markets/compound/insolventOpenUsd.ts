import type { CompoundMarketModel } from "../../cascade/types.js";
import { presentValue } from "../../lending/compound/CometMath.js";
import { splitLoss } from "../splitLoss.js";

/**
 * Comet accounts whose debt (at the stored indices) exceeds their collateral at these prices, USD: the
 * open part of a market's bad debt, for the model's market and for one read off the chain alike.
 *
 * @param read - the market (the model's, or as read off the chain).
 * @param marketPriceOf - USD per whole token.
 * @param channels - with it, each gap is also added there split over the account's collateral by value.
 */
export function insolventOpenUsd(
  read: CompoundMarketModel,
  marketPriceOf: (symbol: string) => number,
  channels?: Map<string, number>,
): number {
  const r = read.market;
  let usd = 0;
  for (const p of read.positions) {
    if (p.principal >= 0n) continue;
    const owed = -presentValue(p.principal, r.baseSupplyIndex, r.baseBorrowIndex);
    const debt = (Number(owed) / Number(r.baseScale)) * marketPriceOf(r.baseSymbol);
    const coll = r.assets.reduce(
      (s, a, i) => s + (Number(p.collateral[i]!) / Number(a.scale)) * marketPriceOf(a.symbol),
      0,
    );
    if (debt > coll) {
      usd += debt - coll;
      if (channels)
        splitLoss(
          channels,
          debt - coll,
          r.assets.map(
            (a, i) =>
              [a.symbol, (Number(p.collateral[i]!) / Number(a.scale)) * marketPriceOf(a.symbol)] as const,
          ),
          "(none)",
        );
    }
  }
  return usd;
}
