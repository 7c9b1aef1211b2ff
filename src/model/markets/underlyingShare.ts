import type { CascadeState } from "../cascade/types.js";

/**
 * How many units of the underlying one unit of an asset is priced at by the oracles, as the liquidators'
 * keys count it: 1 for the underlying, the rate for a pegged asset whose oracle follows its exchange rate,
 * 0 for any other (priced at its own oracle).
 *
 * @param state - the cascade's state (its underlying, pegs and oracle policies).
 * @param symbol - the asset.
 * @returns the share.
 * @example underlyingShare(state, "wstETH"); // 1.21 under an exchange-rate oracle
 */
export function underlyingShare(
  state: Pick<CascadeState, "underlying" | "pegs" | "oracles">,
  symbol: string,
): number {
  if (symbol === state.underlying.symbol) return 1;
  const peg = state.pegs.find((p) => p.symbol === symbol);
  const policy = state.oracles.find((o) => o.symbol === symbol)?.policy;
  return peg && policy?.kind === "exchange-rate" ? Number(peg.rateE18) / 1e18 : 0;
}
