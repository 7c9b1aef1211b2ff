import type { AddressBook, ForkAddresses } from "../types.js";

/**
 * The protocol part of an address book, as fork mode takes it (`--addresses`): what a fork of that chain
 * finds already deployed. How a served replica is forked as if it were mainnet.
 *
 * @param book - a replica's (or a fork's) address book.
 * @returns its tokens, Aave markets, Comets and Uniswap V3 pools.
 */
export function forkAddressesOf(book: AddressBook): ForkAddresses {
  return {
    chainId: book.chainId,
    tokens: book.tokens,
    aave: book.aave,
    ...(book.compound
      ? {
          compound: Object.fromEntries(
            Object.entries(book.compound).map(([id, m]) => [
              id,
              { comet: m.comet, configurator: m.configurator },
            ]),
          ),
        }
      : {}),
    ...(book.morpho
      ? {
          morpho: Object.fromEntries(
            Object.entries(book.morpho).map(([id, m]) => [id, { morpho: m.morpho, id: m.id }]),
          ),
        }
      : {}),
    uniswapV3: book.uniswapV3,
  };
}
