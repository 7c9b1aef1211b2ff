import { type Address, parseAbi } from "viem";
import { ensureCometBuild } from "../../build/ensureCometBuild.js";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { CompoundMarketModel } from "../../model/cascade/types.js";
import { CONSTANT_BASE_PRICE_E8 } from "../../model/markets/compound/cometPricesE8.js";
import { installSettableFeed } from "../oracle/installSettableFeed.js";
import type { AddressBook, CometMarketAddresses } from "../types.js";
import { installInBaseFeed } from "./installInBaseFeed.js";
import { type CometConfigurationRead, readCometConfiguration } from "./readCometConfiguration.js";

export type PrepareCometForkMarketParameters = {
  id: string;
  comet: Address;
  /** The Configurator (proxy) holding the Comet's configuration (the address list's). */
  configurator: Address;
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

/** EIP-1967's admin slot: the proxy admin of a TransparentUpgradeableProxy (Comet's is CometProxyAdmin). */
const PROXY_ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";
const configuratorAbi = parseAbi(["function factory(address cometProxy) view returns (address)"]);

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
 * the reason, not run half-way. A Comet priced in its base (cWETHv3) keeps its constant base feed and gets
 * composite collateral feeds over the shared USD ones instead (`prepareInBase`).
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
  if (market.priceFeeds === "in-base") return prepareInBase(chain, { ...parameters, configuration, assets });
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
    const { decimals, answer } = await readFeed(chain, feed);
    if (decimals !== 8)
      throw new DeploymentError(
        `markets.${id}: Comet's ${symbol} feed ${feed} has ${decimals} decimals, not 8.`,
      );
    pricesE8[symbol] = answer;
    if (feeds[symbol]) continue; // already ours (another Comet market reads the same feed)
    await installSettableFeed(chain, { feed, decimals: 8, answer, updatedAt: block.timestamp });
    feeds[symbol] = feed;
  }
  return finishCometFork(chain, {
    ...parameters,
    configuration,
    assets,
    pricesE8,
    edits: [
      `${id}: Comet's price feeds of ${priced.map((p) => p.symbol).join(", ")} (fixed in its configuration) replaced in place by DLCM's settable feed (code and storage), started at their own answers`,
    ],
  });
}

/**
 * A Comet priced in its base (cWETHv3): its base feed must be a constant 1 (8 decimals), and each collateral
 * feed (mainnet's wstETH feed is WstETHPriceFeed: stETH/ETH times the exchange rate) is replaced in place by
 * Comet's ReverseMultiplicativePriceFeed over the shared USD feeds of the asset and the base, which a market
 * prepared before it (cUSDCv3, Aave) must have made; without them, or without Comet's build for that feed,
 * the market is excluded with the reason.
 */
async function prepareInBase(
  chain: Chain,
  parameters: PrepareCometForkMarketParameters & {
    configuration: CometConfigurationRead;
    assets: Address[];
  },
): Promise<CometForkPreparation> {
  const { id, comet, market, feeds, deployer, configuration, assets } = parameters;
  const m = market.market;
  const read = (feed: Address) => readFeed(chain, feed);
  const base = await read(configuration.baseTokenPriceFeed);
  if (base.decimals !== 8 || base.answer !== CONSTANT_BASE_PRICE_E8)
    return {
      excluded: `Comet at ${comet} prices its base ${m.baseSymbol} at ${base.answer} (${base.decimals} decimals), not a constant 1e8: it is not priced in its base; use priceFeeds "usd".`,
    };
  const symbols = [m.baseSymbol, ...m.assets.map((a) => a.symbol)];
  const missing = symbols.filter((s) => !feeds[s]);
  if (missing.length)
    return {
      excluded: `Comet at ${comet} prices in ${m.baseSymbol}: fork mode composes its feeds from the USD feeds of ${missing.join(", ")}, which no other market of the scenario reads (add cUSDCv3 or an Aave market with them).`,
    };
  const build = await ensureCometBuild();
  if (!build.ok)
    return { excluded: `Comet at ${comet}: its in-base feeds are Comet's own code. ${build.reason}` };
  const pricesE8: Record<string, bigint> = {};
  for (const s of symbols) pricesE8[s] = (await read(feeds[s]!)).answer;
  for (const [i, a] of m.assets.entries())
    await installInBaseFeed(chain, {
      feed: configuration.assets[i]!.priceFeed,
      assetUsd: feeds[a.symbol]!,
      baseUsd: feeds[m.baseSymbol]!,
      deployer,
      description: `${a.symbol} / ${m.baseSymbol}`,
    });
  return finishCometFork(chain, {
    ...parameters,
    pricesE8,
    edits: [
      `${id}: Comet's collateral feeds of ${m.assets.map((a) => a.symbol).join(", ")} (fixed in its configuration) replaced in place by Comet's ReverseMultiplicativePriceFeed over DLCM's settable USD feeds of each and of ${m.baseSymbol} (the base's constant feed left as it is)`,
    ],
  });
}

/** Either kind's last steps: Comet's reserves read, our CometLiquidator deployed against it, the interest edit noted. */
async function finishCometFork(
  chain: Chain,
  parameters: PrepareCometForkMarketParameters & {
    configuration: CometConfigurationRead;
    assets: Address[];
    pricesE8: Record<string, bigint>;
    edits: string[];
  },
): Promise<CometForkPreparation> {
  const { id, comet, deployer, configuration, assets, configurator } = parameters;
  // The governance path of its immutables: the proxy's admin, and a Configurator that knows this proxy.
  const slot = await chain.client.getStorageAt({ address: comet, slot: PROXY_ADMIN_SLOT });
  const proxyAdmin = `0x${(slot ?? "0x").slice(-40).padStart(40, "0")}` as Address;
  const factory = await chain.client
    .readContract({ address: configurator, abi: configuratorAbi, functionName: "factory", args: [comet] })
    .catch(() => "0x0000000000000000000000000000000000000000" as Address);
  if (/^0x0+$/.test(proxyAdmin) || /^0x0+$/.test(factory))
    throw new DeploymentError(
      `markets.${id}: the Comet at ${comet} is not ${/^0x0+$/.test(proxyAdmin) ? "behind a proxy with an admin" : `configured by the Configurator ${configurator}`}: fix compound.${id}.configurator in the address list.`,
    );
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
      configurator,
      proxyAdmin,
      liquidator,
    },
    configuration,
    reserves,
    pricesE8: parameters.pricesE8,
    edits: [
      ...parameters.edits,
      `${id}: interest left running (the model accrues Comet's own rates every block)`,
    ],
  };
}

/** A feed's decimals and latest answer. */
async function readFeed(chain: Chain, feed: Address): Promise<{ decimals: number; answer: bigint }> {
  const [decimals, round] = await Promise.all([
    chain.client.readContract({ address: feed, abi: feedAbi, functionName: "decimals" }),
    chain.client.readContract({ address: feed, abi: feedAbi, functionName: "latestRoundData" }),
  ]);
  return { decimals, answer: round[1] };
}
