import type { MarketModel } from "../cascade/types.js";
import { createAaveMarket } from "./aave/createAaveMarket.js";
import { createCompoundMarket } from "./compound/createCompoundMarket.js";
import { createMorphoMarket } from "./morpho/createMorphoMarket.js";
import type { LendingMarket, LendingMarketParameters } from "./types.js";

/** One implementation per market kind: the only place the cascade's markets are told apart. */
const implementations: {
  [K in MarketModel["kind"]]: (
    parameters: LendingMarketParameters<Extract<MarketModel, { kind: K }>>,
  ) => LendingMarket;
} = {
  "aave-v3": createAaveMarket,
  "compound-v3": createCompoundMarket,
  "morpho-blue": createMorphoMarket,
};

/**
 * The cascade's view of one market model, by its kind.
 *
 * @param parameters - the market model, the cascade context and the liquidators.
 * @returns the market behind the `LendingMarket` interface.
 * @example const markets = state.markets.map((market) => createLendingMarket({ market, ctx, liquidators }));
 */
export function createLendingMarket(parameters: LendingMarketParameters<MarketModel>): LendingMarket {
  const create = implementations[parameters.market.kind] as (
    p: LendingMarketParameters<MarketModel>,
  ) => LendingMarket;
  return create(parameters);
}
