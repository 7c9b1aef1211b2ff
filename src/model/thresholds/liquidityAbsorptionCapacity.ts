import { poolPriceE8 } from "../cascade/poolPrice.js";
import { tradeOnPool } from "../cascade/tradeOnPool.js";
import type { PoolModel } from "../cascade/types.js";
import { toUnits } from "../math/toUnits.js";

/** How much of the underlying a pool absorbs before a given slippage, by two definitions. */
export type Absorption = {
  slippage: number;
  /** Largest sell after which the pool's marginal price is at most `slippage` below the start. */
  marginal: { underlying: number; usd: number };
  /** Largest sell whose average execution price (fee included) is at most `slippage` below the start price. */
  average: { underlying: number; usd: number };
};

/**
 * The marginal half of the LAC alone: the largest sell of the pool's base after which its marginal price
 * is at most `slippage` below the start, in base units (one price-limited trade on the exact pool math).
 *
 * @example marginalAbsorptionWei(pool, 0.05) // wei of the underlying
 */
export function marginalAbsorptionWei(pool: PoolModel, slippage: number): bigint {
  const moved = tradeOnPool(pool, { kind: "toPrice", ratioE18: BigInt(Math.round((1 - slippage) * 1e18)) });
  return moved ? -moved.underlyingDelta : 0n;
}

/** A probe sale (a partial one counts as not absorbed: the probe need not walk past the liquidity). */
function sellOutcome(pool: PoolModel, amount: bigint) {
  return tradeOnPool(pool, { kind: "sell", amount, withinLiquidity: true });
}

/**
 * Liquidity Absorption Capacity of a pool for sells of the underlying (a pegged asset's pool: of its base,
 * the pegged asset), computed with the exact pool math.
 * @param quoteUsd - USD per unit of the pool's quote asset (1 for the main pair; a pegged asset's pool
 *   quotes in the underlying).
 * @example liquidityAbsorptionCapacity(pool, 0.05).marginal.usd
 */
export function liquidityAbsorptionCapacity(pool: PoolModel, slippage: number, quoteUsd = 1): Absorption {
  const decimals = pool.underlyingIsToken0 ? pool.token0.decimals : pool.token1.decimals;
  const quoteDecimals = pool.underlyingIsToken0 ? pool.token1.decimals : pool.token0.decimals;
  const p0 = Number(poolPriceE8(pool)) / 1e8;
  const marginalWei = marginalAbsorptionWei(pool, slippage);
  const marginal = Number(marginalWei) / 10 ** decimals;

  // Average execution price falls monotonically with size: bracket, then bisect on wei.
  const avgOk = (amount: bigint): boolean => {
    if (amount === 0n) return true;
    const r = sellOutcome(pool, amount);
    if (!r || r.underlyingDelta !== -amount) return false;
    const out = Number(r.quoteDelta) / 10 ** quoteDecimals;
    return out / (Number(amount) / 10 ** decimals) >= p0 * (1 - slippage);
  };
  let lo = 0n;
  let hi = marginalWei > 0n ? marginalWei : toUnits(1, decimals);
  for (let i = 0; i < 64 && avgOk(hi); i++) {
    lo = hi;
    hi *= 2n;
  }
  while (hi - lo > 10n ** BigInt(Math.max(0, decimals - 6))) {
    const mid = (lo + hi) / 2n;
    if (avgOk(mid)) lo = mid;
    else hi = mid;
  }
  const average = Number(lo) / 10 ** decimals;
  return {
    slippage,
    marginal: { underlying: marginal, usd: marginal * p0 * quoteUsd },
    average: { underlying: average, usd: average * p0 * quoteUsd },
  };
}
