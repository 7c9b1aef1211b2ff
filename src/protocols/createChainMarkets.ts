import type { Chain } from "../chain/types.js";
import type { CascadeState, MarketModel } from "../model/cascade/types.js";
import { createAaveChainMarket } from "./aave/createAaveChainMarket.js";
import { createCometChainMarket } from "./compound/createCometChainMarket.js";
import { createMorphoChainMarket } from "./morpho/createMorphoChainMarket.js";
import type { AddressBook, ChainLendingMarket } from "./types.js";

/**
 * One chain implementation per market kind, or none where the protocol does not run on chain yet (its
 * markets stay model-only: their actions are counted as such, their losses come from the model).
 */
const implementations: {
  [K in MarketModel["kind"]]?: (
    chain: Chain,
    parameters: { book: AddressBook; market: Extract<MarketModel, { kind: K }> },
  ) => ChainLendingMarket | undefined;
} = {
  "aave-v3": (chain, { book, market }) =>
    book.aave[market.id] ? createAaveChainMarket(chain, { book, market }) : undefined,
  "compound-v3": (chain, { book, market }) =>
    book.compound?.[market.id] ? createCometChainMarket(chain, { book, market }) : undefined,
  "morpho-blue": (chain, { book, market }) =>
    book.morpho?.[market.id] ? createMorphoChainMarket(chain, { book, market }) : undefined,
};

/**
 * The markets of `state` that exist on this chain, behind the `ChainLendingMarket` interface, by id.
 *
 * @param chain - the chain.
 * @param parameters - the address book and the state the cascade starts from.
 * @returns the chain markets by market id (markets that are not on chain are absent).
 * @example const markets = createChainMarkets(chain, { book, state: initial }); markets.get("aave")?.scan(price);
 */
export function createChainMarkets(
  chain: Chain,
  parameters: { book: AddressBook; state: CascadeState },
): Map<string, ChainLendingMarket> {
  const out = new Map<string, ChainLendingMarket>();
  for (const market of parameters.state.markets) {
    const create = implementations[market.kind] as
      | ((chain: Chain, p: { book: AddressBook; market: MarketModel }) => ChainLendingMarket | undefined)
      | undefined;
    const created = create?.(chain, { book: parameters.book, market });
    if (created) out.set(market.id, created);
  }
  return out;
}
