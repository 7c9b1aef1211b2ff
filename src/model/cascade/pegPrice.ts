import { poolPriceE8 } from "./poolPrice.js";
import type { PegModel, PoolModel } from "./types.js";

const E8 = 10n ** 8n;
const E18 = 10n ** 18n;

/**
 * A pegged asset's market price, USD with 8 decimals: its own pool's price in the peg asset (8 decimals,
 * floored, `poolPriceE8`) times the underlying's market price, floored. Model and chain compute it from the
 * same pool state with this function.
 *
 * @param pegPool - the pegged asset's own pool (base: the pegged asset, quote: the underlying).
 * @param underlyingE8 - the underlying's market price, 8 decimals.
 * @example pegMarketE8(wstethPool, 300000000000n) // 1.2 WETH per wstETH at $3,000: 360000000000n
 */
export function pegMarketE8(pegPool: PoolModel, underlyingE8: bigint): bigint {
  return (poolPriceE8(pegPool) * underlyingE8) / E8;
}

/**
 * A pegged asset's price at its redemption rate, USD with 8 decimals, as Aave's wstETH adapter computes it:
 * the peg asset's oracle answer times the rate (18 decimals), floored. It never sees the token's market.
 *
 * @param peg - the pegged asset.
 * @param pegAssetE8 - the peg asset's oracle price, 8 decimals.
 * @example exchangeRateE8(wsteth, 300000000000n) // rate 1.2: 360000000000n
 */
export function exchangeRateE8(peg: PegModel, pegAssetE8: bigint): bigint {
  return (pegAssetE8 * peg.rateE18) / E18;
}
