import { type Address, decodeEventLog, encodeFunctionData, stringToHex } from "viem";
import { loadCometArtifact } from "../../build/compileComet.js";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import { type BlockTransaction, sendBlock } from "../../chain/sendBlock.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { CompoundMarketModel } from "../../model/cascade/types.js";
import { mulFactor, mulPrice } from "../../model/lending/compound/CometMath.js";
import { cometPerYearRates } from "../../model/markets/compound/buildCompoundMarketModel.js";
import { cometPricesE8 } from "../../model/markets/compound/cometPricesE8.js";
import { toUnits } from "../../model/math/toUnits.js";
import type { Scenario } from "../../model/scenario/schema.js";
import { mintTestToken } from "../tokens/mintTestToken.js";
import type {
  AddressBook,
  CometMarketAddresses,
  ReplicaMarketParameters,
  ReplicaMarketStart,
} from "../types.js";
import { deployCometPriceFeeds } from "./deployCometPriceFeeds.js";

type CompoundSpec = Extract<Scenario["markets"][number], { kind: "compound-v3" }>;

/** Borrowers per seeding transaction (each ~350k gas: a contract, a mint, a supply, a withdraw). */
const SEED_CHUNK = 80;
/** No cap: the largest whole-unit cap Comet's packing keeps (uint64 of whole tokens). */
const NO_CAP_UNITS = (1n << 64n) - 1n;

/**
 * One Comet market of the replica from its pinned source (src/build/compileComet.ts): CometExt and Comet
 * deployed as upstream's configuration describes them — base and collaterals on our settable feeds (through
 * Comet's own price feeds for a market priced in its base: deployCometPriceFeeds), the
 * scenario's factors, rates, storefront factor, target reserves and caps, the deployer as governor — plus
 * our CometLiquidator bound to it. Nothing is seeded yet: the returned `start` does that at the moment
 * deployReplica gives it (`historySeconds` before block 0), all in blocks of that one timestamp, so the
 * market's clock starts exactly where the model's does: `initializeStorage`, the suppliers' base, the
 * reserves, then every borrower (supply collateral, withdraw base) through CometBorrowerFactory. Comet
 * lends only up to `borrowCollateralFactor` and a scenario's positions sit nearer liquidation than that,
 * so the collateral feeds read high while the borrowers are seeded and are set back in the same timestamp.
 * With history, block 0 carries an `accrueAccount`, so the stored indices are current when the cascade starts.
 *
 * @param chain - the replica.
 * @param parameters - the market model and its scenario section, tokens, feeds, prices, accounts.
 * @returns the market's addresses, its borrowers in the model's position order (filled by `start`), and its start.
 * @throws {DeploymentError} when a deployment or a seeding transaction reverts.
 */
export async function deployCometReplicaMarket(
  chain: Chain,
  parameters: ReplicaMarketParameters<CompoundMarketModel>,
): Promise<{ addresses: CometMarketAddresses; borrowers: Address[]; start: ReplicaMarketStart }> {
  const { market, spec, tokens, feeds, deployer, depositor } = parameters;
  const m = market.market;
  const progress = parameters.onProgress;
  progress(`Comet market "${market.id}"`);
  const base = tokens[m.baseSymbol]!;
  const extension = await deployContract(chain, {
    from: deployer,
    artifact: loadCometArtifact("CometExt"),
    args: [
      {
        name32: stringToHex(`DLCM ${market.id}`.slice(0, 31), { size: 32 }),
        symbol32: stringToHex("cDLCMv3", { size: 32 }),
      },
    ],
  });
  const priceFeeds = await deployCometPriceFeeds(chain, { market, feeds, deployer });
  const configuration = cometConfiguration({
    market,
    spec,
    tokens,
    priceFeeds,
    governor: deployer,
    extension,
  });
  const { comet, configurator, proxyAdmin } = await deployCometAsUpstream(chain, { deployer, configuration });
  const liquidator = await deployContract(chain, {
    from: deployer,
    artifact: "compound/CometLiquidator",
    args: [comet],
  });
  const factory = await deployContract(chain, { from: deployer, artifact: "compound/CometBorrowerFactory" });
  // The suppliers' deposit and the reserves, minted ahead (the mint touches no Comet state).
  const supply = m.totalSupplyBase;
  const reserves = m.baseBalance - (m.totalSupplyBase - m.totalBorrowBase);
  await mintTestToken(chain, {
    token: base.address,
    to: depositor,
    amount: supply + reserves,
    spender: comet,
  });

  const addresses: CometMarketAddresses = {
    comet,
    baseToken: base.address,
    assets: m.assets.map((a) => tokens[a.symbol]!.address),
    priceFeeds: priceFeeds.assets,
    governor: deployer,
    configurator,
    proxyAdmin,
    liquidator,
  };
  const borrowers: Address[] = [];
  const cometAbi = loadCometArtifact("Comet").abi;
  // The model's market is already at block 0 (complete() accrued the history): the history is the spec's.
  const historySeconds = BigInt(Math.round(spec.historyDays * 86_400));
  const feedAbi = loadArtifact("oracle/SettableAggregator").abi;
  const setFeed = (symbol: string, answer: bigint): BlockTransaction => ({
    from: deployer,
    to: feeds[symbol]!,
    gas: 200_000n,
    data: encodeFunctionData({ abi: feedAbi, functionName: "setAnswer", args: [answer] }),
  });
  const call = (
    from: Address,
    to: Address,
    abi: typeof cometAbi,
    functionName: string,
    args: unknown[],
    gas = 1_000_000n,
  ) => ({
    from,
    to,
    gas,
    data: encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]),
  });
  const erc20 = loadArtifact("tokens/TestERC20").abi;
  const factoryAbi = loadArtifact("compound/CometBorrowerFactory").abi;
  const lift = seedingLift(market, parameters.priceE8);

  const start: ReplicaMarketStart = {
    historySeconds,
    async run(timestamp) {
      progress(`Comet market "${market.id}": borrowers`, 0, market.positions.length);
      const block = async (transactions: BlockTransaction[], what: string) => {
        const receipts = await sendBlock(chain, { transactions, timestamp });
        const failed = receipts.findIndex((r) => r.status !== "success");
        if (failed >= 0 || receipts.length !== transactions.length)
          throw new DeploymentError(`Comet market "${market.id}": ${what} reverted (transaction ${failed}).`);
        return receipts;
      };
      await block(
        [
          ...m.assets.map((a) => setFeed(a.symbol, parameters.priceE8(a.symbol) * lift)),
          call(deployer, comet, cometAbi, "initializeStorage", []),
          ...(supply > 0n ? [call(depositor, comet, cometAbi, "supply", [base.address, supply])] : []),
          ...(reserves > 0n
            ? [call(depositor, base.address, erc20, "transfer", [comet, reserves], 200_000n)]
            : []),
        ],
        "initialisation",
      );
      for (let first = 0; first < market.positions.length; first += SEED_CHUNK) {
        const chunk = market.positions.slice(first, first + SEED_CHUNK);
        const [receipt] = await block(
          [
            call(
              deployer,
              factory,
              factoryAbi,
              "seed",
              [
                comet,
                addresses.assets,
                BigInt(first),
                chunk.map((p) => ({ supplied: p.collateral, borrowed: -p.principal })),
              ],
              BigInt(chunk.length) * 600_000n + 200_000n,
            ),
          ],
          "seeding borrowers",
        );
        for (const log of receipt!.logs) {
          if (log.address.toLowerCase() !== factory.toLowerCase()) continue;
          const event = decodeEventLog({ abi: factoryAbi, data: log.data, topics: log.topics });
          const args = event.args as unknown as { index: bigint; borrower: Address };
          borrowers[Number(args.index)] = args.borrower;
        }
        progress(`Comet market "${market.id}": borrowers`, first + chunk.length, market.positions.length);
      }
      await block(
        m.assets.map((a) => setFeed(a.symbol, parameters.priceE8(a.symbol))),
        "restoring the feeds",
      );
    },
    ...(historySeconds > 0n
      ? { atBlockZero: [call(deployer, comet, cometAbi, "accrueAccount", [depositor], 300_000n)] }
      : {}),
  };
  parameters.lap(`compound:${market.id}:deploy`);
  return { addresses, borrowers, start };
}

/**
 * Comet deployed the way upstream's deployment procedure does it (src/deploy/Network.ts at the pinned
 * commit): CometProxyAdmin, CometFactory, a temporary Comet implementation behind a
 * TransparentUpgradeableProxy the admin owns, the Configurator behind ConfiguratorProxy (initialised with
 * the governor), then the Configurator given the factory and the configuration, and the proxy upgraded to
 * an implementation the Configurator deploys (`CometProxyAdmin.deployAndUpgradeTo`). That is the path a
 * governance change of Comet's immutables (its collateral factors) takes, here and on mainnet.
 *
 * @param chain - the replica.
 * @param parameters - the governor (the deployer) and Comet's constructor configuration.
 * @returns the Comet proxy, the Configurator proxy and the proxy admin.
 */
async function deployCometAsUpstream(
  chain: Chain,
  parameters: { deployer: Address; configuration: ReturnType<typeof cometConfiguration> },
): Promise<{ comet: Address; configurator: Address; proxyAdmin: Address }> {
  const { deployer: from, configuration } = parameters;
  const proxyAdmin = await deployContract(chain, {
    from,
    artifact: loadCometArtifact("CometProxyAdmin"),
    args: [from],
  });
  const factory = await deployContract(chain, { from, artifact: loadCometArtifact("CometFactory") });
  const temporary = await deployContract(chain, {
    from,
    artifact: loadCometArtifact("Comet"),
    args: [configuration],
  });
  const comet = await deployContract(chain, {
    from,
    artifact: loadCometArtifact("TransparentUpgradeableProxy"),
    args: [temporary, proxyAdmin, "0x"],
  });
  const configuratorAbi = loadCometArtifact("Configurator").abi;
  const implementation = await deployContract(chain, { from, artifact: loadCometArtifact("Configurator") });
  const configurator = await deployContract(chain, {
    from,
    artifact: loadCometArtifact("ConfiguratorProxy"),
    args: [
      implementation,
      proxyAdmin,
      encodeFunctionData({ abi: configuratorAbi, functionName: "initialize", args: [from] }),
    ],
  });
  const send = (to: Address, abi: typeof configuratorAbi, functionName: string, args: unknown[]) =>
    writeContract(chain, {
      from,
      address: to,
      abi,
      functionName,
      args,
      gas: 12_000_000n,
    } as Parameters<typeof writeContract>[1]);
  await send(configurator, configuratorAbi, "setFactory", [comet, factory]);
  await send(configurator, configuratorAbi, "setConfiguration", [comet, configuration]);
  await send(proxyAdmin, loadCometArtifact("CometProxyAdmin").abi, "deployAndUpgradeTo", [
    configurator,
    comet,
  ]);
  return { comet, configurator, proxyAdmin };
}

/**
 * How many times their price the collateral feeds must read while seeding so every position is within
 * Comet's `borrowCollateralFactor` (isBorrowCollateralized at the seeding block's indices of 1).
 */
function seedingLift(market: CompoundMarketModel, priceE8: (symbol: string) => bigint): bigint {
  const m = market.market;
  const prices = cometPricesE8(market, priceE8);
  let lift = 1n;
  for (const p of market.positions) {
    if (p.principal >= 0n) continue;
    const debtValue = mulPrice(-p.principal, prices.base, m.baseScale);
    const borrowable = m.assets.reduce(
      (s, a, i) =>
        s + mulFactor(mulPrice(p.collateral[i] ?? 0n, prices.assets[i]!, a.scale), a.borrowCollateralFactor),
      0n,
    );
    if (borrowable === 0n) throw new DeploymentError(`Comet position ${p.id} borrows with no collateral.`);
    const needed = debtValue / borrowable + 2n;
    if (needed > lift) lift = needed;
  }
  return lift;
}

/**
 * Comet's constructor `Configuration` for a scenario market: base and collaterals on our feeds, the
 * scenario's factors (Comet keeps 4 decimals), rates per year, storefront factor, target reserves and caps;
 * no reward tracking, a borrow minimum of one base unit.
 */
function cometConfiguration(parameters: {
  market: CompoundMarketModel;
  spec: CompoundSpec;
  tokens: AddressBook["tokens"];
  priceFeeds: { base: Address; assets: Address[] };
  governor: Address;
  extension: Address;
}) {
  const { market, spec, tokens, priceFeeds, governor: deployer, extension } = parameters;
  const m = market.market;
  const base = tokens[m.baseSymbol]!;
  const rates = cometPerYearRates(spec);
  return {
    governor: deployer,
    pauseGuardian: deployer,
    baseToken: base.address,
    baseTokenPriceFeed: priceFeeds.base,
    extensionDelegate: extension,
    supplyKink: rates.supplyKink,
    supplyPerYearInterestRateSlopeLow: rates.supplySlopeLow,
    supplyPerYearInterestRateSlopeHigh: rates.supplySlopeHigh,
    supplyPerYearInterestRateBase: rates.supplyBase,
    borrowKink: rates.borrowKink,
    borrowPerYearInterestRateSlopeLow: rates.borrowSlopeLow,
    borrowPerYearInterestRateSlopeHigh: rates.borrowSlopeHigh,
    borrowPerYearInterestRateBase: rates.borrowBase,
    storeFrontPriceFactor: m.storeFrontPriceFactor,
    trackingIndexScale: 10n ** 15n,
    baseTrackingSupplySpeed: 0n,
    baseTrackingBorrowSpeed: 0n,
    baseMinForRewards: 1_000_000n * m.baseScale,
    baseBorrowMin: 1n,
    targetReserves: m.targetReserves,
    assetConfigs: spec.collaterals.map((c, i) => ({
      asset: tokens[c.asset]!.address,
      priceFeed: priceFeeds.assets[i]!,
      decimals: tokens[c.asset]!.decimals,
      borrowCollateralFactor: toUnits(c.borrowCollateralFactor, 18),
      liquidateCollateralFactor: toUnits(c.liquidateCollateralFactor, 18),
      liquidationFactor: toUnits(c.liquidationFactor, 18),
      supplyCap:
        (c.supplyCap !== undefined ? BigInt(Math.floor(c.supplyCap)) : NO_CAP_UNITS) *
        10n ** BigInt(tokens[c.asset]!.decimals),
    })),
  };
}
