import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "../amm/v3/TickMath.js";
import type { PoolModel } from "./types.js";

/**
 * Whether a pool has run out of liquidity: a v3 pool whose price went to Uniswap's limit (a swap found no
 * liquidity left in its direction and moved the price to MIN/MAX_SQRT_RATIO). Its price then says nothing
 * about a market, so the cascade stops there. A v2 pair never empties (its price rises without bound).
 *
 * @param pool - a pool state.
 * @returns true when the pool's price sits at the v3 limit.
 * @example isPoolDrained(pool) // after an upward path beyond the pool's top position: true
 */
export function isPoolDrained(pool: PoolModel): boolean {
  if (pool.kind !== "uniswap-v3") return false;
  const p = pool.state.sqrtPriceX96;
  return p >= MAX_SQRT_RATIO - 1n || p <= MIN_SQRT_RATIO + 1n;
}
