import { mulDiv } from "../amm/v3/FullMath.js";
import type { PoolModel } from "./types.js";

const Q192 = 1n << 192n;

/**
 * The pool's price of the underlying in quote units, with 8 decimals, floored: the integer the
 * harness pushes to the oracle. Model and chain compute it from the same pool state with this function.
 */
export function poolPriceE8(pool: PoolModel): bigint {
  const d0 = 10n ** BigInt(pool.token0.decimals);
  const d1 = 10n ** BigInt(pool.token1.decimals);
  if (pool.kind === "uniswap-v3") {
    const ratioX192 = pool.state.sqrtPriceX96 * pool.state.sqrtPriceX96; // token1 per token0, raw, × 2^192
    return pool.underlyingIsToken0
      ? mulDiv(ratioX192, d0 * 10n ** 8n, Q192 * d1)
      : mulDiv(Q192 * d1, 10n ** 8n, ratioX192 * d0);
  }
  const { reserve0, reserve1 } = pool.state;
  return pool.underlyingIsToken0
    ? mulDiv(reserve1 * d0, 10n ** 8n, reserve0 * d1)
    : mulDiv(reserve0 * d1, 10n ** 8n, reserve1 * d0);
}

/** The pool's price of the underlying in quote units as a float (display, options model). */
export function poolPriceUsd(pool: PoolModel): number {
  return Number(poolPriceE8(pool)) / 1e8;
}
