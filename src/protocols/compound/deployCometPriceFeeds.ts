import type { Address } from "viem";
import { loadCometArtifact } from "../../build/compileComet.js";
import { deployContract } from "../../chain/deployContract.js";
import type { Chain } from "../../chain/types.js";
import type { CompoundMarketModel } from "../../model/cascade/types.js";
import { CONSTANT_BASE_PRICE_E8 } from "../../model/markets/compound/cometPricesE8.js";
import type { AddressBook } from "../types.js";

/**
 * The feeds a replica Comet market is configured with: the assets' settable USD feeds themselves
 * (`priceFeeds: "usd"`), or, for a market priced in its base (cWETHv3), Comet's own ConstantPriceFeed at 1
 * for the base and a ReverseMultiplicativePriceFeed per collateral over its USD feed and the base's (so the
 * chain divides the two answers itself, and the model's `cometPricesE8` is checked against it).
 *
 * @param chain - the replica.
 * @param parameters - the market, the settable USD feeds by symbol, the deployer.
 * @returns the base's feed and each collateral's, in the model's asset order.
 */
export async function deployCometPriceFeeds(
  chain: Chain,
  parameters: { market: CompoundMarketModel; feeds: AddressBook["feeds"]; deployer: Address },
): Promise<{ base: Address; assets: Address[] }> {
  const { market, feeds, deployer } = parameters;
  const m = market.market;
  if (market.priceFeeds === "usd")
    return { base: feeds[m.baseSymbol]!, assets: m.assets.map((a) => feeds[a.symbol]!) };
  const base = await deployContract(chain, {
    from: deployer,
    artifact: loadCometArtifact("ConstantPriceFeed"),
    args: [8, CONSTANT_BASE_PRICE_E8],
  });
  const assets: Address[] = [];
  for (const a of m.assets)
    assets.push(
      await deployContract(chain, {
        from: deployer,
        artifact: loadCometArtifact("ReverseMultiplicativePriceFeed"),
        args: [feeds[a.symbol]!, feeds[m.baseSymbol]!, 8, `${a.symbol} / ${m.baseSymbol}`],
      }),
    );
  return { base, assets };
}
