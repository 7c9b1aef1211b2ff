import type { Address } from "viem";
import { impersonate } from "../chain/impersonate.js";
import { keepSnapshot } from "../chain/keepSnapshot.js";
import { loadArtifact } from "../chain/loadArtifact.js";
import type { Chain } from "../chain/types.js";
import { DeploymentError } from "../errors/DeploymentError.js";
import { NotADevNodeError } from "../errors/NotADevNodeError.js";
import { bitmapWordsToCover } from "../model/amm/v3/bitmapWordsToCover.js";
import { buildCascadeState } from "../model/cascade/buildCascadeState.js";
import { poolPriceE8 } from "../model/cascade/poolPrice.js";
import type { CascadeState, MarketModel } from "../model/cascade/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import { checkForkAddresses } from "../protocols/addresses/checkForkAddresses.js";
import { ARTIFACTS } from "../protocols/artifactIds.js";
import { deployLenses } from "../protocols/lens/deployLenses.js";
import { forkPreparationOrder, prepareForkMarket } from "../protocols/prepareForkMarket.js";
import { type BalanceSlot, dealErc20 } from "../protocols/tokens/dealErc20.js";
import type { AddressBook, ForkAddresses } from "../protocols/types.js";
import { baseIsToken0 } from "./baseIsToken0.js";
import { createRoles } from "./createRoles.js";
import { deploymentKey } from "./deploymentKey.js";
import { readCascadeState } from "./readCascadeState.js";
import type { ChainSession, ForkSetup } from "./types.js";

export type OpenForkSessionParameters = {
  /** The protocol contracts on this chain (resolveMainnetForkAddresses, or an address file). */
  addresses: ForkAddresses;
  /** Said in the report: "mainnet list" or the address file's path. */
  addressSource: string;
  /** Borrowers per Aave market id from a file, instead of discovery from Borrow events. */
  borrowers?: Record<string, Address[]>;
  /** Keep discovered borrowers per eth_getLogs chunk here (reruns at the same block need no network). */
  cacheDir?: string;
  onProgress?: (message: string, done?: number, total?: number) => void;
  /** Monotonic clock in ms. */
  now?: () => number;
};

/** Each trader and market maker holds this much of both pool tokens on the fork. */
const FUNDS = 1n << 120n;
/** Pools' initialised ticks are read for prices within this factor of today's, both ways. */
const TICK_RANGE_FACTOR = 20;
const E8 = 1e8;

/**
 * Prepares a forked chain for the cascade, the fork-mode counterpart of openReplicaSession, then snapshots
 * it. Nothing is deployed of the protocols: they are the fork's. DLCM adds what a replica has too — its
 * lenses, swapper and liquidator, settable price feeds — and makes the fork's state fit the model:
 * - Each market by its protocol's implementation (src/protocols/prepareForkMarket.ts), those whose
 *   protocol fixes its feed addresses first:
 *   - Comet: its configuration read (the model's market is the chain's: factors, rates, storefront,
 *     target reserves; its backstop its own reserves); its feeds, immutables, replaced in place by our
 *     settable feed at their own answers, and shared with the other markets; accounts from its Withdraw
 *     events (or a list) that borrow against the scenario's collaterals only.
 *   - Aave: the AaveOracle's sources for the scenario's reserves become our feeds (Comet's where it
 *     drives the same asset), started at the price the oracle gave (setAssetSources as the impersonated
 *     pool admin); the flash-loan premium set to zero; a v3.6 Pool's interest keeps running (the model
 *     accrues it), a v3.0 Pool's rates are set to zero (see prepareAaveForkMarket); the version profile is
 *     detected; borrowers from the Pool's Borrow events (or a list) whose positions lie wholly in the
 *     scenario's reserves, outside e-mode.
 *   In both, candidates are found over the scenario's look-back window (cached per chunk), read in
 *   batches through the lens, and run largest debt first up to `fork.maxBorrowers`; the rest are counted.
 * - Uniswap: pools are read with their initialised ticks over a ×20 price range either way.
 * - Traders and market makers get token balances by storage writes (dealErc20) and approve our swapper.
 * Every variant's model state is then the scenario's behaviour (shock, policies, books, liquidators) on
 * these chain values: asset prices are replaced by the fork's, option strikes are scaled with the
 * underlying's price (the books keep the moneyness they were written with). A market that cannot run
 * (not in the address list, paused, a feed conflict) is excluded with its reason.
 *
 * @param chain - a chain forking the network `addresses` describe (createChain with `fork`).
 * @param scenario - a validated scenario.
 * @param parameters - addresses, borrower list, cache, progress, clock.
 * @returns the session; the caller stops it (the chain is stopped too if preparing fails).
 * @throws {NotADevNodeError} when the node is not a fork; {DeploymentError} on a wrong chain or a failed step.
 */
export async function openForkSession(
  chain: Chain,
  scenario: Scenario,
  parameters: OpenForkSessionParameters,
): Promise<ChainSession> {
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  const t0 = now();
  try {
    if (!chain.devNode?.forked)
      throw new NotADevNodeError("Fork mode edits state: it runs only on a node proven to be a local fork.");
    if (scenario.liquidators.whenCashShort === "receive-atoken")
      throw new DeploymentError(
        'liquidators.whenCashShort "receive-atoken" runs on the replica only (its liquidators need an inventory of every debt asset): use "repay-less" on a fork.',
      );
    if (scenario.safetyModules.length > 0)
      throw new DeploymentError(
        "safetyModules run on the replica only (their token and its pool are the replica's test token and pool): remove safetyModules for a fork run.",
      );
    if (scenario.bridges.length > 0)
      throw new DeploymentError(
        "bridges run on the replica only (its bridge mints the replica's test token; a fork's bridged token is the real bridge's): remove bridges for a fork run.",
      );
    const { addresses } = parameters;
    if (addresses.chainId !== chain.chainId)
      throw new DeploymentError(
        `The fork is chain ${chain.chainId}, the addresses are for chain ${addresses.chainId}.`,
      );
    await checkForkAddresses(chain, addresses);
    const blockNumber = await chain.client.getBlockNumber();
    const fork: ForkSetup = {
      blockNumber: String(blockNumber),
      chainId: chain.chainId,
      addressSource: parameters.addressSource,
      profiles: {},
      rules: {},
      borrowers: {},
      edits: [],
      excluded: [],
      prices: {},
    };
    const deployer = chain.accounts[0]!;
    const roles = await createRoles(chain, { scenario, deployer, seeding: false });
    progress("fork: helpers");
    const harness = await deployLenses(chain, deployer);
    const { tokens } = addresses;
    const order = baseIsToken0(tokens);
    const options = scenario.fork ?? {
      discovery: { lookbackBlocks: 50_000, chunkBlocks: 10_000 },
      maxBorrowers: 2_000,
    };

    const feeds: AddressBook["feeds"] = {};
    const aave: AddressBook["aave"] = {};
    const compound: NonNullable<AddressBook["compound"]> = {};
    const morpho: NonNullable<AddressBook["morpho"]> = {};
    const borrowers: AddressBook["borrowers"] = {};
    const marketPrices: Record<string, bigint> = {};
    const shapes = new Map<string, (market: MarketModel) => MarketModel>();
    // The scenario's book only gives the markets' shape here: the fork's positions are read off the chain.
    const built = buildCascadeState(scenario, { baseIsToken0: order, refuseUnopenable: false }).markets;
    for (const market of forkPreparationOrder(built)) {
      const prepared = await prepareForkMarket(chain, {
        market,
        addresses,
        tokens,
        harness,
        deployer,
        feeds,
        blockNumber,
        discovery: options.discovery,
        maxBorrowers: options.maxBorrowers,
        listed: parameters.borrowers?.[market.id],
        cacheDir: parameters.cacheDir,
        onProgress: progress,
      });
      if ("excluded" in prepared) {
        fork.excluded.push({ id: market.id, reason: prepared.excluded });
        continue;
      }
      if (prepared.profile) fork.profiles[market.id] = prepared.profile;
      fork.rules![market.id] = prepared.rules;
      Object.assign(marketPrices, prepared.pricesE8);
      fork.edits.push(...prepared.edits);
      Object.assign(aave, prepared.book.aave);
      Object.assign(compound, prepared.book.compound ?? {});
      Object.assign(morpho, prepared.book.morpho ?? {});
      borrowers[market.id] = prepared.borrowers;
      fork.borrowers[market.id] = prepared.stats;
      shapes.set(market.id, prepared.shape);
    }
    for (const o of scenario.oracles)
      if (!feeds[o.asset])
        throw new DeploymentError(
          `oracles: ${o.asset} has a policy but no market run on the fork prices it; fork mode shocks through the protocols' own oracles.`,
        );

    if (scenario.dao) fork.edits.push(...(await impersonateCometGovernors(chain, compound)));
    progress("fork: funding traders and market makers");
    fork.edits.push(await fundForkTraders(chain, { scenario, tokens, roles, spender: harness.swapper }));
    const poolWordRadius = await readPoolWordRadius(chain, scenario, addresses.uniswapV3.pools);
    const book: AddressBook = {
      chainId: chain.chainId,
      tokens,
      feeds,
      aave,
      ...(Object.keys(compound).length ? { compound } : {}),
      ...(Object.keys(morpho).length ? { morpho } : {}),
      uniswapV3: addresses.uniswapV3,
      harness,
      roles,
      borrowers,
    };

    // The state in the model's shape, before prices are known: read once to learn the fork's prices.
    const shape = (variant: Scenario) => forkStateShape(variant, { order, shapes });
    const first = await readCascadeState(chain, { book, base: shape(scenario), poolWordRadius });
    const reference = first.pools.find((p) => p.id === first.referencePoolId)!;
    fork.prices[scenario.underlying] = Number(poolPriceE8(reference)) / E8;
    for (const [symbol, e8] of Object.entries(marketPrices))
      if (symbol !== scenario.underlying && symbol !== scenario.quote) fork.prices[symbol] = Number(e8) / E8;
    fork.strikeScale =
      fork.prices[scenario.underlying]! /
      scenario.assets.find((a) => a.symbol === scenario.underlying)!.priceUsd;

    const reset = await keepSnapshot(chain);
    return {
      chain,
      book,
      baseState: (variant) => shape(rebaseOnFork(variant, fork.prices)),
      poolWordRadius,
      modelOnly: [],
      fork,
      key: deploymentKey(scenario),
      reset,
      stop: () => chain.stop(),
      timings: { forkSetupMs: now() - t0 },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

/**
 * The DAO's levers are the members' own admin calls: Aave's from its pool admin (impersonated when its
 * oracle was repointed), Comet's from its governor (mainnet's timelock), impersonated here with gas money.
 *
 * @returns the edits made.
 */
async function impersonateCometGovernors(
  chain: Chain,
  compound: NonNullable<AddressBook["compound"]>,
): Promise<string[]> {
  const governors = [...new Set(Object.values(compound).map((c) => c.governor))];
  for (const governor of governors) await impersonate(chain, governor);
  return governors.length
    ? [
        `Comet's governor ${governors.join(", ")} impersonated (1,000 ETH for gas) for the DAO's pause, factor updates and upgrades`,
      ]
    : [];
}

/** Token balances of both pool tokens for the trader and the market makers (storage writes); returns the edit. */
async function fundForkTraders(
  chain: Chain,
  parameters: {
    scenario: Scenario;
    tokens: AddressBook["tokens"];
    roles: AddressBook["roles"];
    spender: Address;
  },
): Promise<string> {
  const { scenario, tokens, roles } = parameters;
  // The main pair, and each pegged asset (the LAC probes sell it on its own pool).
  const pegged = scenario.assets
    .filter((a) => a.peg && tokens[a.symbol])
    .map((a) => tokens[a.symbol]!.address);
  const pairTokens = [tokens[scenario.underlying]!.address, tokens[scenario.quote]!.address, ...pegged];
  const slots = new Map<string, BalanceSlot>();
  for (const holder of [roles.trader, ...Object.values(roles.marketMakers)])
    for (const token of pairTokens)
      await dealErc20(chain, { token, holder, amount: FUNDS, spender: parameters.spender, slots });
  return `balances of ${scenario.underlying} and ${scenario.quote} written for the trader and ${Object.keys(roles.marketMakers).length} market makers (storage writes; total supply unchanged)`;
}

/** Per pool, the tick-bitmap words to read so that prices within ×TICK_RANGE_FACTOR either way are covered. */
async function readPoolWordRadius(
  chain: Chain,
  scenario: Scenario,
  pools: ForkAddresses["uniswapV3"]["pools"],
): Promise<Record<string, number>> {
  const poolWordRadius: Record<string, number> = {};
  for (const pool of scenario.pools) {
    const address = pools[pool.id]?.address;
    if (!address) throw new DeploymentError(`pools.${pool.id}: the address list has no pool of that id.`);
    const spacing = await chain.client.readContract({
      address,
      abi: loadArtifact(ARTIFACTS.uniswapV3Pool).abi,
      functionName: "tickSpacing",
    });
    poolWordRadius[pool.id] = bitmapWordsToCover(Number(spacing), TICK_RANGE_FACTOR);
  }
  return poolWordRadius;
}

/** A variant's model state in the fork's shape: each market run on the fork holds its borrowers (balances read later). */
function forkStateShape(
  variant: Scenario,
  fork: {
    order: (base: string, quote: string) => boolean;
    shapes: Map<string, (market: MarketModel) => MarketModel>;
  },
): CascadeState {
  const state = buildCascadeState(variant, {
    baseIsToken0: fork.order,
    refuseUnopenable: false,
  });
  const markets = state.markets.flatMap((m) => {
    const shape = fork.shapes.get(m.id);
    return shape ? [shape(m)] : [];
  });
  return { ...state, markets };
}

/**
 * A variant on the fork's prices: asset prices replaced by those read off the fork (a pegged asset's rate
 * by its price over the underlying's), option strikes scaled with the underlying's price so the books keep
 * the moneyness they were written with.
 */
function rebaseOnFork(variant: Scenario, prices: ForkSetup["prices"]): Scenario {
  const written = variant.assets.find((a) => a.symbol === variant.underlying)!.priceUsd;
  const scale = prices[variant.underlying]! / written;
  const rateOf = (symbol: string, rate: number) =>
    prices[symbol] !== undefined
      ? Number((prices[symbol]! / prices[variant.underlying]!).toPrecision(12))
      : rate;
  return {
    ...variant,
    assets: variant.assets.map((a) => {
      const priced = prices[a.symbol] !== undefined ? { ...a, priceUsd: prices[a.symbol]! } : a;
      return a.peg ? { ...priced, peg: { ...a.peg, rate: rateOf(a.symbol, a.peg.rate) } } : priced;
    }),
    optionBooks: variant.optionBooks.map((b) => ({
      ...b,
      options: b.options.map((o) => ({ ...o, strike: o.strike * scale })),
    })),
  };
}
