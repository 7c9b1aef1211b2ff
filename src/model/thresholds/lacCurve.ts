import { poolPriceE8 } from "../cascade/poolPrice.js";
import type { PoolModel } from "../cascade/types.js";
import { marginalAbsorptionWei } from "./liquidityAbsorptionCapacity.js";

/**
 * A pool's Liquidity Absorption Capacity as a curve: for each price fall from 1% to `maxSlippage` (every
 * 1%), the largest sale of the underlying after which the pool's marginal price is that much lower (the
 * marginal definition, fee kept in V2 reserves; the LAC at 5% and 10% are two of its points).
 *
 * @param pool - the pool, before any sale.
 * @param maxSlippage - the largest fall (default 0.2).
 * @param quoteUsd - USD per unit of the pool's quote asset (1 for the main pair).
 * @returns one point per 1% of fall: the fall, underlying sold, and its value at the start price (USD).
 */
export function lacCurve(
  pool: PoolModel,
  maxSlippage = 0.2,
  quoteUsd = 1,
): { slippage: number; underlying: number; usd: number }[] {
  const points: { slippage: number; underlying: number; usd: number }[] = [];
  const decimals = pool.underlyingIsToken0 ? pool.token0.decimals : pool.token1.decimals;
  const p0 = Number(poolPriceE8(pool)) / 1e8;
  for (let pct = 1; pct <= Math.round(maxSlippage * 100); pct++) {
    const underlying = Number(marginalAbsorptionWei(pool, pct / 100)) / 10 ** decimals;
    points.push({ slippage: pct / 100, underlying, usd: underlying * p0 * quoteUsd });
  }
  return points;
}
