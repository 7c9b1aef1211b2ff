import type { Scenario } from "../model/scenario/schema.js";
import type { AddressBook } from "../protocols/types.js";

/**
 * The token order of every pool on this chain: Uniswap sorts a pair by address, so the underlying is
 * token0 when its address is the lower one. The model's state is built with the same order.
 *
 * @param tokens - the address book's tokens.
 * @param scenario - names the underlying and the quote.
 */
export function underlyingIsToken0(tokens: AddressBook["tokens"], scenario: Scenario): boolean {
  return BigInt(tokens[scenario.underlying]!.address) < BigInt(tokens[scenario.quote]!.address);
}

/**
 * The token order of a pegged asset's pool on this chain, for `buildCascadeState`'s `baseIsToken0`:
 * Uniswap sorts a pair by address.
 *
 * @param tokens - the address book's tokens.
 * @returns whether `base` is the pool's token0.
 */
export function baseIsToken0(tokens: AddressBook["tokens"]): (base: string, quote: string) => boolean {
  return (base, quote) => BigInt(tokens[base]!.address) < BigInt(tokens[quote]!.address);
}
