import { ModelInputError } from "../errors/ModelInputError.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { AddressBook } from "../protocols/types.js";
import type { SpotSource } from "./readSpot.js";

/**
 * Where a scenario's chain (its replica, or a fork with its address book) quotes the underlying: the
 * scenario's reference pool and the underlying's feed, from the address book.
 *
 * @param scenario - the scenario (its underlying, quote and reference pool).
 * @param book - the chain's address book.
 * @returns the spot source.
 * @throws {ModelInputError} when the address book has no such pool.
 */
export function spotSourceOf(scenario: Scenario, book: AddressBook): SpotSource {
  const underlying = book.tokens[scenario.underlying]!;
  const quote = book.tokens[scenario.quote]!;
  const v3 = book.uniswapV3.pools[scenario.referencePool];
  const v2 = book.uniswapV2?.pools[scenario.referencePool];
  const pool = v3 ?? v2;
  if (!pool)
    throw new ModelInputError(
      `referencePool: the address book has no pool "${scenario.referencePool}"; pass the address book of the chain the scenario was deployed on (dlcm serve writes it).`,
    );
  const oracle = book.feeds[scenario.underlying];
  return {
    pool: pool.address,
    kind: v3 ? "uniswap-v3" : "uniswap-v2",
    underlyingIsToken0: pool.token0.toLowerCase() === underlying.address.toLowerCase(),
    decimals: { underlying: underlying.decimals, quote: quote.decimals },
    ...(oracle ? { oracle } : {}),
  };
}
