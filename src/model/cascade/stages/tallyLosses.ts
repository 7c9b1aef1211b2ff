import type { LendingMarket } from "../../markets/types.js";
import type { CascadeState, ProtocolLoss } from "../types.js";

/**
 * The cascade's losses per protocol: each lending market's realised write-offs plus its open positions
 * already insolvent at the final market price (the underlying at the pool, other assets at the oracle),
 * and each perp venue's fund drawdown plus ADL, each against its insurance fund.
 *
 * @param state - the state at the end of the cascade.
 * @param markets - the cascade's markets.
 * @param finalPrice - the reference pool's final price, USD.
 * @param oracleUsd - an asset's oracle price, USD.
 * @returns the losses by protocol id, in scenario order (markets, then perp venues).
 */
export function tallyLosses(
  state: CascadeState,
  markets: readonly LendingMarket[],
  finalPrice: number,
  oracleUsd: (symbol: string) => number,
): Record<string, ProtocolLoss> {
  const underlying = state.underlying.symbol;
  const priceAtEnd = (symbol: string) => (symbol === underlying ? finalPrice : oracleUsd(symbol));
  const losses: Record<string, ProtocolLoss> = {};
  for (const market of markets) {
    const insolvent = market.insolventOpenUsd(priceAtEnd);
    const realizedUsd = market.realizedUsd();
    const totalUsd = realizedUsd + insolvent;
    const fund = market.model.insuranceFundUsd;
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
