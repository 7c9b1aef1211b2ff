import type { CompoundMarketModel } from "../../cascade/types.js";
import { reverseMultiplicativePrice } from "../../lending/compound/reverseMultiplicativePrice.js";
import type { CometPrices } from "../../lending/compound/types.js";

/** The base's answer in a market priced in its base: Comet's ConstantPriceFeed(8, 1e8). */
export const CONSTANT_BASE_PRICE_E8 = 10n ** 8n;

/**
 * The prices a Comet market's feeds return, from the assets' USD oracle answers: those answers themselves
 * (`priceFeeds: "usd"`, as cUSDCv3), or, for a market priced in its base (`"in-base"`, as cWETHv3), the
 * base at a constant 1 and each collateral's USD answer divided by the base's (Comet's own
 * ReverseMultiplicativePriceFeed over the two feeds). Model and chain-side checks read them alike.
 *
 * @param market - the market.
 * @param e8 - an asset's USD oracle answer, 8 decimals.
 * @returns the base's and each collateral's price, as Comet's getPrice reads them.
 */
export function cometPricesE8(market: CompoundMarketModel, e8: (symbol: string) => bigint): CometPrices {
  const m = market.market;
  if (market.priceFeeds === "usd")
    return { base: e8(m.baseSymbol), assets: m.assets.map((a) => e8(a.symbol)) };
  const base = e8(m.baseSymbol);
  return {
    base: CONSTANT_BASE_PRICE_E8,
    assets: m.assets.map((a) => reverseMultiplicativePrice(e8(a.symbol), base)),
  };
}
