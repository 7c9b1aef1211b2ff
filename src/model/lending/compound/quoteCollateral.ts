// Mirrors Comet.quoteCollateral: the storefront discount is storeFrontPriceFactor · (1 − liquidationFactor).
import { FACTOR_SCALE, mulFactor } from "./CometMath.js";
import type { CometMarket, CometPrices } from "./types.js";

/** Collateral (asset units) that `baseAmount` of base buys from the protocol at the storefront price. */
export function quoteCollateral(
  market: CometMarket,
  prices: CometPrices,
  assetIndex: number,
  baseAmount: bigint,
): bigint {
  const asset = market.assets[assetIndex]!;
  const assetPrice = prices.assets[assetIndex]!;
  const discountFactor = mulFactor(market.storeFrontPriceFactor, FACTOR_SCALE - asset.liquidationFactor);
  const assetPriceDiscounted = mulFactor(assetPrice, FACTOR_SCALE - discountFactor);
  return (prices.base * baseAmount * asset.scale) / assetPriceDiscounted / market.baseScale;
}
