import { addLoss } from "../../markets/splitLoss.js";
import type { CollateralVault, LendingMarket } from "../../markets/types.js";
import { marketPriceAtEnd } from "../marketPriceAtEnd.js";
import type { CascadeState, Contagion } from "../types.js";

/** The channel a market's write-offs are booked on when the protocol does not say what collateral carried them. */
export const WRITTEN_OFF = "(written off)";

/**
 * Which token each lending market's losses came through, for the contagion graph: the open insolvent part
 * split over each position's collateral tokens by value (at the final market prices, as tallyLosses counts
 * it), the realised part on the collateral it came through where the market tracks it (Comet: the absorbed
 * accounts' collateral, by value; Aave: the collateral seized by the liquidation that burned the deficit)
 * and otherwise on the market's one collateral (Morpho); and which market issues each token that is another
 * protocol's (a static aToken).
 *
 * @param state - the state at the end of the cascade.
 * @param markets - the cascade's markets.
 * @param oracleUsd - an asset's oracle price, USD.
 * @param vaults - the tokens markets issue, by symbol.
 * @returns the channels of every market with a loss, largest first, and the issuers.
 */
export function tallyContagion(
  state: CascadeState,
  markets: readonly LendingMarket[],
  oracleUsd: (symbol: string) => number,
  vaults: ReadonlyMap<string, CollateralVault>,
): Contagion {
  const priceAtEnd = marketPriceAtEnd(state, oracleUsd);
  const losses: Contagion["losses"] = [];
  for (const market of markets) {
    const channels = new Map<string, number>();
    market.insolventOpenUsd(priceAtEnd, channels);
    const byCollateral = market.realizedChannels?.();
    if (byCollateral) for (const [token, usd] of byCollateral) addLoss(channels, token, usd);
    else {
      const realized = market.realizedUsd();
      const only = market.model.kind === "morpho-blue" ? market.model.collateralSymbol : WRITTEN_OFF;
      if (realized > 0) addLoss(channels, only, realized);
    }
    for (const [token, usd] of channels)
      if (usd > 0)
        losses.push({
          market: market.id,
          token,
          usd,
          ...(vaults.get(token) ? { issuer: vaults.get(token)!.issuer } : {}),
        });
  }
  losses.sort((a, b) => b.usd - a.usd);
  return {
    losses,
    issued: [...vaults.values()].map((v) => ({
      token: v.symbol,
      issuer: v.issuer,
      underlying: v.underlying,
    })),
  };
}
