import type { CascadeState, PoolModel } from "./types.js";

/**
 * Whether a pool trades the main pair (the underlying against the quote), as the shock, arbitrage, hedges
 * and liquidators' sales use, rather than a pegged asset's own pool.
 *
 * @example isMainPool(state, poolById(state, "wsteth-weth-1")) // false
 */
export function isMainPool(state: Pick<CascadeState, "underlying" | "quote">, pool: PoolModel): boolean {
  const base = pool.underlyingIsToken0 ? pool.token0 : pool.token1;
  const quote = pool.underlyingIsToken0 ? pool.token1 : pool.token0;
  return base.symbol === state.underlying.symbol && quote.symbol === state.quote.symbol;
}
