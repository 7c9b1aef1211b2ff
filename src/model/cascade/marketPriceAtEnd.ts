import { pegMarketE8 } from "./pegPrice.js";
import { poolById } from "./poolById.js";
import { poolPriceE8 } from "./poolPrice.js";
import type { CascadeState } from "./types.js";

/**
 * Each asset's market price in a state, USD, for valuing what is left open: the underlying at the
 * reference pool, a pegged asset at its own pool times that (so a depeg an exchange-rate oracle hides still
 * counts), any other asset at its oracle.
 *
 * @param state - the state (model or read from a chain).
 * @param oracleUsd - an asset's oracle price, USD.
 * @returns the price of a symbol.
 * @example marketPriceAtEnd(final, (s) => oracle.get(s)!)("wstETH")
 */
export function marketPriceAtEnd(
  state: Pick<CascadeState, "pools" | "pegs" | "referencePoolId" | "underlying">,
  oracleUsd: (symbol: string) => number,
): (symbol: string) => number {
  const refE8 = poolPriceE8(poolById(state, state.referencePoolId));
  return (symbol) => {
    if (symbol === state.underlying.symbol) return Number(refE8) / 1e8;
    const peg = state.pegs.find((p) => p.symbol === symbol);
    if (peg) return Number(pegMarketE8(poolById(state, peg.poolId), refE8)) / 1e8;
    return oracleUsd(symbol);
  };
}
