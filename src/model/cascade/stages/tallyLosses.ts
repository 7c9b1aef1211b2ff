import type { LendingMarket } from "../../markets/types.js";
import { marketPriceAtEnd } from "../marketPriceAtEnd.js";
import type { CascadeState, ProtocolLoss } from "../types.js";

/**
 * The cascade's losses per protocol: each lending market's realised write-offs plus its open positions
 * already insolvent at the final market prices (`marketPriceAtEnd`: the underlying at the reference pool, a
 * pegged asset at its own pool, other assets at the oracle),
 * and each perp venue's fund drawdown plus ADL, each against its insurance fund.
 *
 * @param state - the state at the end of the cascade.
 * @param markets - the cascade's markets.
 * @param oracleUsd - an asset's oracle price, USD.
 * @param backstopUsd - what a market's token backstop (a safety module) adds to its fund, USD (default none).
 * @returns the losses by protocol id, in scenario order (markets, then perp venues).
 */
export function tallyLosses(
  state: CascadeState,
  markets: readonly LendingMarket[],
  oracleUsd: (symbol: string) => number,
  backstopUsd: (marketId: string) => number = () => 0,
): Record<string, ProtocolLoss> {
  const priceAtEnd = marketPriceAtEnd(state, oracleUsd);
  const losses: Record<string, ProtocolLoss> = {};
  for (const market of markets) {
    const insolvent = market.insolventOpenUsd(priceAtEnd);
    const realizedUsd = market.realizedUsd();
    const totalUsd = realizedUsd + insolvent;
    const fund = market.model.insuranceFundUsd + backstopUsd(market.id);
    losses[market.id] = {
      realizedUsd,
      insolventOpenUsd: insolvent,
      totalUsd,
      insuranceFundUsd: fund,
      exceedsInsuranceFund: totalUsd > fund,
    };
  }
  for (const v of state.perps) {
    const lossUsd = v.initialInsuranceFundUsd - v.insuranceFundUsd + v.adlUsd;
    losses[v.id] = {
      realizedUsd: lossUsd,
      insolventOpenUsd: 0,
      totalUsd: lossUsd,
      insuranceFundUsd: v.initialInsuranceFundUsd,
      exceedsInsuranceFund: v.adlUsd > 0,
    };
  }
  return losses;
}
