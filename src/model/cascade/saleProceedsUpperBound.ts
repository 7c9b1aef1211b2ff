import { swapOutputUpperBound } from "../amm/v3/swapOutputUpperBound.js";
import type { PoolModel } from "./types.js";

/**
 * An upper bound, in floats, on the quote (raw units) that selling `underlyingRaw` raw units of the
 * underlying into `pool` returns through `tradeOnPool`: the real-number swap plus float allowances (the pool
 * math rounds against the seller, so the exact proceeds never exceed it). For rejecting sales that cannot
 * pay without running the exact swap.
 *
 * @param pool A v3 pool or a v2 pair, either token order.
 * @param underlyingRaw Underlying to sell, raw units (wei), as a float.
 * @returns Quote raw units, ≥ `Number(tradeOnPool(pool, { kind: "sell", amount }).quoteDelta)`.
 * @example saleProceedsUpperBound(pool, 5e18) // ≥ what 5 WETH sells for
 */
export function saleProceedsUpperBound(pool: PoolModel, underlyingRaw: number): number {
  if (!(underlyingRaw > 0)) return 0;
  if (pool.kind === "uniswap-v3")
    return swapOutputUpperBound(pool.state, pool.underlyingIsToken0, underlyingRaw);
  // v2 (getAmountOut): x·(1 − f)·R_out / (R_in + x·(1 − f)), floored on chain.
  const { reserve0, reserve1, feeBps } = pool.state;
  const [reserveIn, reserveOut] = pool.underlyingIsToken0
    ? [Number(reserve0), Number(reserve1)]
    : [Number(reserve1), Number(reserve0)];
  const inLessFee = underlyingRaw * (1 - Number(feeBps) / 10_000);
  return ((inLessFee * reserveOut) / (reserveIn + inLessFee)) * (1 + 1e-12) + 1;
}
