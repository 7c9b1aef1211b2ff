import { tradeOnPool } from "../cascade/tradeOnPool.js";
import type { PoolModel } from "../cascade/types.js";

/**
 * What selling `amount` of a pool's base (a safety module's token) would fetch now, in quote units: one
 * exact sale within the pool's liquidity, not applied; 0 when nothing is left or nothing can be sold.
 *
 * @example saleValue(aaveUsdcPool, 12_000n * 10n ** 18n) // USDC units
 */
export function saleValue(pool: PoolModel, amount: bigint): bigint {
  if (amount <= 0n) return 0n;
  const sale = tradeOnPool(pool, { kind: "sell", amount, withinLiquidity: true });
  return sale && sale.quoteDelta > 0n ? sale.quoteDelta : 0n;
}
