import type { AddressBook } from "../protocols/types.js";

/**
 * The token order of every pool on this chain, for `buildCascadeState`'s `baseIsToken0`: Uniswap sorts a
 * pair by address, so a pool's base (the underlying, or a pegged asset on its own pool) is token0 when
 * its address is the lower one. The model's state is built with the same order.
 *
 * @param tokens - the address book's tokens.
 * @returns whether `base` is token0 of its pool with `quote`.
 */
export function baseIsToken0(tokens: AddressBook["tokens"]): (base: string, quote: string) => boolean {
  return (base, quote) => BigInt(tokens[base]!.address) < BigInt(tokens[quote]!.address);
}
