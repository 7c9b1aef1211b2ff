import { type Address, parseAbi } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { CompoundMarketModel } from "../../model/cascade/types.js";
import { installSettableFeed } from "../oracle/installSettableFeed.js";
import type { AddressBook, CometMarketAddresses } from "../types.js";
import { type CometConfigurationRead, readCometConfiguration } from "./readCometConfiguration.js";

export type PrepareCometForkMarketParameters = {
  id: string;
  comet: Address;
  /** The market in the model's shape (its base and collateral symbols, in the scenario's order). */
  market: CompoundMarketModel;
  tokens: AddressBook["tokens"];
  lens: Address;
  deployer: Address;
  /** Settable feeds by symbol, shared across markets (Comet's own feed addresses become them). */
  feeds: Record<string, Address>;
};

export type CometForkPreparation =
  | {
      addresses: CometMarketAddresses;
      configuration: CometConfigurationRead;
      /** Comet's reserves at the fork's block (base units). */
      reserves: bigint;
      pricesE8: Record<string, bigint>;
      edits: string[];
    }
  | { excluded: string };

const feedAbi = parseAbi([
  "function decimals() view returns (uint8)",
  "function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)",
]);

/**
 * Makes one of the fork's own Comet markets fit the model, recording every edit: its configuration is read
 * (the scenario's collaterals must be listed and its base must be the scenario's); its price feeds, fixed in
 * that configuration (immutables), are replaced in place by DLCM's settable feed (code and storage), each
 * started at its own latest answer, and become the shared feed of their asset, which other markets (Aave's
 * oracle) are then pointed at; our CometLiquidator is deployed against it. A market whose absorb or buy is
 * paused, or whose feed for an asset differs from the one another market already drives, is excluded with
 * the reason, not run half-way.
 *
 * @param chain - a chain proven to be a local fork.
 * @param parameters - the Comet, its model market, tokens, lens, deployer, the shared feeds.
 * @returns the addresses, configuration, reserves, starting prices and edits; or why it is excluded.
 * @throws {DeploymentError} when Comet does not list a collateral or its base is not the scenario's.
 */
export async function prepareCometForkMarket(
  chain: Chain,
  parameters: PrepareCometForkMarketParameters,
): Promise<CometForkPreparation> {
  const { id, comet, market, tokens, feeds, deployer } = parameters;
  const m = market.market;
  const tokenOf = (symbol: string) => {
    const token = tokens[symbol];
    if (!token) throw new DeploymentError(`markets.${id}: the address list has no token ${symbol}.`);
    return token.address;
  };
  const assets = m.assets.map((a) => tokenOf(a.symbol));
  const configuration = await readCometConfiguration(chain, { lens: parameters.lens, comet, assets }).catch(
    (error: unknown) => {
      throw new DeploymentError(
        `markets.${id}: the Comet at ${comet} does not list every collateral of the scenario (${m.assets.map((a) => a.symbol).join(", ")}).`,
        { cause: error as Error },
      );
    },
  );
  if (configuration.baseToken.toLowerCase() !== tokenOf(m.baseSymbol).toLowerCase())
    throw new DeploymentError(
      `markets.${id}: the Comet at ${comet} lends ${configuration.baseToken}, not the scenario's base ${m.baseSymbol}.`,
    );
  if (configuration.absorbPaused || configuration.buyPaused)
    return {
      excluded: `Comet at ${comet} has ${configuration.absorbPaused ? "absorb" : "buyCollateral"} paused at this block: its liquidations cannot run.`,
    };
  const priced = [
    { symbol: m.baseSymbol, feed: configuration.baseTokenPriceFeed },
    ...m.assets.map((a, i) => ({ symbol: a.symbol, feed: configuration.assets[i]!.priceFeed })),
  ];
  const conflict = priced.find(
    ({ symbol, feed }) => feeds[symbol] && feeds[symbol]!.toLowerCase() !== feed.toLowerCase(),
  );
  if (conflict)
    return {
      excluded: `Comet at ${comet} prices ${conflict.symbol} with ${conflict.feed}, another market already with ${feeds[conflict.symbol]}: fork mode drives one feed per asset.`,
    };
  const block = await chain.client.getBlock();
  const pricesE8: Record<string, bigint> = {};
  for (const { symbol, feed } of priced) {
    const [decimals, round] = await Promise.all([
      chain.client.readContract({ address: feed, abi: feedAbi, functionName: "decimals" }),
      chain.client.readContract({ address: feed, abi: feedAbi, functionName: "latestRoundData" }),
    ]);
    if (decimals !== 8)
      throw new DeploymentError(
        `markets.${id}: Comet's ${symbol} feed ${feed} has ${decimals} decimals, not 8.`,
      );
    pricesE8[symbol] = round[1];
    if (feeds[symbol]) continue; // already ours (another Comet market reads the same feed)
    await installSettableFeed(chain, { feed, decimals: 8, answer: round[1], updatedAt: block.timestamp });
    feeds[symbol] = feed;
  }
  const reserves = (await chain.client.readContract({
    address: comet,
    abi: loadArtifact("compound/IComet").abi,
    functionName: "getReserves",
  })) as bigint;
  const liquidator = await deployContract(chain, {
    from: deployer,
    artifact: "compound/CometLiquidator",
    args: [comet],
  });
  return {
    addresses: {
      comet,
      baseToken: configuration.baseToken,
      assets,
      priceFeeds: configuration.assets.map((a) => a.priceFeed),
      governor: configuration.governor,
      liquidator,
    },
    configuration,
    reserves,
    pricesE8,
    edits: [
      `${id}: Comet's price feeds of ${priced.map((p) => p.symbol).join(", ")} (fixed in its configuration) replaced in place by DLCM's settable feed (code and storage), started at their own answers`,
      `${id}: interest left running (the model accrues Comet's own rates every block)`,
    ],
  };
}
