import type { Address } from "viem";
import { deployContract } from "../chain/deployContract.js";
import { impersonate } from "../chain/impersonate.js";
import { keepSnapshot } from "../chain/keepSnapshot.js";
import { loadArtifact } from "../chain/loadArtifact.js";
import { roleAddress } from "../chain/roleAddress.js";
import type { Chain } from "../chain/types.js";
import { DeploymentError } from "../errors/DeploymentError.js";
import { NotADevNodeError } from "../errors/NotADevNodeError.js";
import { bitmapWordsToCover } from "../model/amm/v3/bitmapWordsToCover.js";
import { buildCascadeState } from "../model/cascade/buildCascadeState.js";
import { poolPriceE8 } from "../model/cascade/poolPrice.js";
import type { AaveMarketModel, CascadeState } from "../model/cascade/types.js";
import type { AavePosition } from "../model/lending/aave/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import { classifyAaveAccount } from "../protocols/aave/classifyAaveAccount.js";
import { detectAaveProfile } from "../protocols/aave/detectAaveProfile.js";
import { discoverAaveBorrowers } from "../protocols/aave/discoverAaveBorrowers.js";
import { freezeAaveInterest } from "../protocols/aave/freezeAaveInterest.js";
import { pointAaveOracleAt } from "../protocols/aave/pointAaveOracleAt.js";
import { readAaveMarket } from "../protocols/aave/readAaveMarket.js";
import { zeroFlashLoanPremium } from "../protocols/aave/zeroFlashLoanPremium.js";
import { ARTIFACTS } from "../protocols/artifactIds.js";
import { deployLenses } from "../protocols/lens/deployLenses.js";
import { type BalanceSlot, dealErc20 } from "../protocols/tokens/dealErc20.js";
import type { AddressBook, ForkAddresses } from "../protocols/types.js";
import { deploymentKey } from "./deploymentKey.js";
import { readCascadeState } from "./readCascadeState.js";
import type { ChainSession, ForkSetup } from "./types.js";
import { underlyingIsToken0 } from "./underlyingIsToken0.js";

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
 * - Aave: the AaveOracle's sources for the scenario's reserves become our feeds, started at the price the
 *   oracle gave (setAssetSources as the impersonated pool admin); interest is frozen and the flash-loan
 *   premium set to zero (see freezeAaveInterest, zeroFlashLoanPremium); the version profile is detected.
 * - Borrowers: from the Pool's Borrow events over the scenario's look-back window (cached per chunk), or
 *   from a list; read in batches through the lens; those whose positions lie wholly in the scenario's
 *   reserves, outside e-mode, are run (largest debt first, up to `fork.maxBorrowers`); the rest are counted.
 * - Uniswap: pools are read with their initialised ticks over a ×20 price range either way.
 * - Traders and market makers get token balances by storage writes (dealErc20) and approve our swapper.
 * Every variant's model state is then the scenario's behaviour (shock, policies, books, liquidators) on
 * these chain values: asset prices are replaced by the fork's, option strikes are scaled with the
 * underlying's price (the books keep the moneyness they were written with), and Compound V3 markets are
 * left out.
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
    const { addresses } = parameters;
    if (addresses.chainId !== chain.chainId)
      throw new DeploymentError(
        `The fork is chain ${chain.chainId}, the addresses are for chain ${addresses.chainId}.`,
      );
    const blockNumber = await chain.client.getBlockNumber();
    const fork: ForkSetup = {
      blockNumber: String(blockNumber),
      chainId: chain.chainId,
      addressSource: parameters.addressSource,
      profiles: {},
      borrowers: {},
      edits: [],
      excluded: [],
      prices: {},
    };
    const deployer = chain.accounts[0]!;
    const roles: AddressBook["roles"] = {
      deployer,
      lp: roleAddress("lp"),
      depositor: roleAddress("depositor"),
      trader: roleAddress("trader"),
      marketMakers: Object.fromEntries(scenario.optionBooks.map((b) => [b.id, roleAddress(`mm:${b.id}`)])),
      liquidators: Array.from({ length: scenario.liquidators.count }, (_, i) =>
        roleAddress(`liquidator:${i}`),
      ),
    };
    for (const a of [roles.trader, ...Object.values(roles.marketMakers), ...roles.liquidators])
      await impersonate(chain, a);
    progress("fork: helpers");
    const harness = await deployLenses(chain, deployer);
    const { tokens } = addresses;
    const u0 = underlyingIsToken0(tokens, scenario);
    const options = scenario.fork ?? {
      discovery: { lookbackBlocks: 50_000, chunkBlocks: 10_000 },
      maxBorrowers: 2_000,
    };

    const feeds: AddressBook["feeds"] = {};
    const aave: AddressBook["aave"] = {};
    const borrowers: AddressBook["borrowers"] = {};
    const positionIds: Record<string, string[]> = {};
    const aavePrices: Record<string, bigint> = {};
    for (const market of scenario.markets) {
      if (market.kind !== "aave-v3") {
        fork.excluded.push({
          id: market.id,
          reason: "Compound V3 on a fork is not built yet: its accounts are not read and absorb is not run.",
        });
        continue;
      }
      const m = addresses.aave[market.id];
      if (!m)
        throw new DeploymentError(`markets.${market.id}: the address list has no Aave market of that id.`);
      const symbols = market.reserves.map((r) => r.asset);
      const assets = symbols.map((s) => {
        const token = tokens[s];
        if (!token) throw new DeploymentError(`markets.${market.id}: the address list has no token ${s}.`);
        return { symbol: s, asset: token.address };
      });
      progress(`fork: aave ${market.id}`);
      fork.profiles[market.id] = await detectAaveProfile(chain, { pool: m.pool, asset: assets[0]!.asset });
      const before = await readAaveMarket(chain, { lens: harness.aaveLens, pool: m.pool, assets, users: [] });
      const sources: { asset: Address; feed: Address }[] = [];
      for (const [i, { symbol, asset }] of assets.entries()) {
        const priceE8 = before.pricesE8[i]!;
        aavePrices[symbol] = priceE8;
        feeds[symbol] ??= await deployContract(chain, {
          from: deployer,
          artifact: "oracle/SettableAggregator",
          args: [8, priceE8],
        });
        sources.push({ asset, feed: feeds[symbol]! });
      }
      await pointAaveOracleAt(chain, { oracle: m.oracle, poolAdmin: m.poolAdmin, sources });
      fork.edits.push(
        `${market.id}: AaveOracle sources of ${symbols.join(", ")} set to DLCM's settable feeds, started at the oracle's prices (setAssetSources as ${m.poolAdmin})`,
      );
      const frozen = await freezeAaveInterest(chain, {
        pool: m.pool,
        poolConfigurator: m.poolConfigurator,
        poolAdmin: m.poolAdmin,
        assets: assets.map((a) => a.asset),
        deployer,
      });
      const unfrozen = frozen.assets.filter((a) => !a.frozen).map((a) => a.asset);
      fork.edits.push(
        `${market.id}: interest-rate strategy of ${symbols.join(", ")} set to ZeroRateStrategy (indices constant during the cascade)${unfrozen.length ? `; rates still non-zero for ${unfrozen.join(", ")} until their next update (v3.0 pool)` : ""}`,
      );
      await zeroFlashLoanPremium(chain, { poolConfigurator: m.poolConfigurator, poolAdmin: m.poolAdmin });
      fork.edits.push(
        `${market.id}: flash-loan premium set to 0 (the liquidator's funding is free, as on the replica)`,
      );
      const liquidator = await deployContract(chain, {
        from: deployer,
        artifact: "aave/CascadeLiquidator",
        args: [m.pool],
      });
      aave[market.id] = { ...m, liquidator };

      let candidates = parameters.borrowers?.[market.id];
      let source = "address list";
      if (!candidates) {
        const { lookbackBlocks, chunkBlocks } = options.discovery;
        const fromBlock =
          blockNumber > BigInt(lookbackBlocks) ? blockNumber - BigInt(lookbackBlocks) + 1n : 0n;
        source = `Borrow events, blocks ${fromBlock}–${blockNumber}`;
        candidates = await discoverAaveBorrowers(chain, {
          pool: m.pool,
          fromBlock,
          toBlock: blockNumber,
          chunkBlocks: BigInt(chunkBlocks),
          ...(parameters.cacheDir ? { cacheDir: parameters.cacheDir } : {}),
          onProgress: (done, total, found) =>
            progress(
              `fork: ${market.id} borrowers from events (${found} found)`,
              Number(done),
              Number(total),
            ),
        });
      }
      progress(`fork: ${market.id} reading ${candidates.length} accounts`);
      const read = await readAaveMarket(chain, {
        lens: harness.aaveLens,
        pool: m.pool,
        assets,
        users: candidates.map((a) => ({ id: a, address: a })),
      });
      const ids = read.reserves.map((r) => r.id);
      const stats = { noDebt: 0, out: 0, outDebt: 0, reasons: {} as Record<string, number> };
      const inScope: { address: Address; debt: bigint }[] = [];
      read.accounts.forEach((a, i) => {
        const scope = classifyAaveAccount(a, ids);
        if (scope === "no debt") stats.noDebt++;
        else if (scope === "in scope") inScope.push({ address: candidates![i]!, debt: a.totalDebtBase });
        else {
          stats.out++;
          stats.outDebt += Number(a.totalDebtBase) / E8;
          stats.reasons[scope] = (stats.reasons[scope] ?? 0) + 1;
        }
      });
      const run =
        inScope.length > options.maxBorrowers
          ? [...inScope]
              .sort((a, b) => (b.debt > a.debt ? 1 : b.debt < a.debt ? -1 : 0))
              .slice(0, options.maxBorrowers)
          : inScope;
      borrowers[market.id] = run.map((r) => r.address);
      positionIds[market.id] = run.map((r) => r.address.toLowerCase());
      fork.borrowers[market.id] = {
        source,
        candidates: candidates.length,
        inScope: inScope.length,
        run: run.length,
        noDebt: stats.noDebt,
        outOfScope: { count: stats.out, debtUsd: stats.outDebt, reasons: stats.reasons },
        capped: inScope.length - run.length,
      };
    }
    for (const o of scenario.oracles)
      if (!feeds[o.asset])
        throw new DeploymentError(
          `oracles: ${o.asset} has a policy but no Aave reserve of the scenario prices it; fork mode shocks through AaveOracle.`,
        );

    progress("fork: funding traders and market makers");
    const pools = addresses.uniswapV3.pools;
    const pairTokens = [tokens[scenario.underlying]!.address, tokens[scenario.quote]!.address];
    const slots = new Map<string, BalanceSlot>();
    for (const holder of [roles.trader, ...Object.values(roles.marketMakers)])
      for (const token of pairTokens)
        await dealErc20(chain, { token, holder, amount: FUNDS, spender: harness.swapper, slots });
    fork.edits.push(
      `balances of ${scenario.underlying} and ${scenario.quote} written for the trader and ${Object.keys(roles.marketMakers).length} market makers (storage writes; total supply unchanged)`,
    );

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
    const book: AddressBook = {
      chainId: chain.chainId,
      tokens,
      feeds,
      aave,
      uniswapV3: addresses.uniswapV3,
      harness,
      roles,
      borrowers,
    };

    // The state in the model's shape, before prices are known: read once to learn the fork's prices.
    const shape = (variant: Scenario): CascadeState => {
      const state = buildCascadeState(variant, { underlyingIsToken0: u0 });
      const markets = state.markets.flatMap((m) => {
        if (m.kind !== "aave-v3" || !aave[m.id]) return [];
        const zeros = m.reserves.map(() => 0n);
        const positions: AavePosition[] = positionIds[m.id]!.map((id) => ({
          id,
          scaledCollateral: [...zeros],
          scaledDebt: [...zeros],
          usingAsCollateral: m.reserves.map(() => false),
        }));
        return [{ ...m, profile: fork.profiles[m.id]!, positions } satisfies AaveMarketModel];
      });
      return { ...state, markets };
    };
    const first = await readCascadeState(chain, { book, base: shape(scenario), poolWordRadius });
    const reference = first.pools.find((p) => p.id === first.referencePoolId)!;
    fork.prices[scenario.underlying] = Number(poolPriceE8(reference)) / E8;
    for (const [symbol, e8] of Object.entries(aavePrices))
      if (symbol !== scenario.underlying && symbol !== scenario.quote) fork.prices[symbol] = Number(e8) / E8;
    const rebase = (variant: Scenario): Scenario => {
      const written = variant.assets.find((a) => a.symbol === variant.underlying)!.priceUsd;
      const scale = fork.prices[variant.underlying]! / written;
      return {
        ...variant,
        assets: variant.assets.map((a) =>
          fork.prices[a.symbol] !== undefined ? { ...a, priceUsd: fork.prices[a.symbol]! } : a,
        ),
        optionBooks: variant.optionBooks.map((b) => ({
          ...b,
          options: b.options.map((o) => ({ ...o, strike: o.strike * scale })),
        })),
      };
    };
    fork.strikeScale =
      fork.prices[scenario.underlying]! /
      scenario.assets.find((a) => a.symbol === scenario.underlying)!.priceUsd;

    const reset = await keepSnapshot(chain);
    return {
      chain,
      book,
      baseState: (variant) => shape(rebase(variant)),
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
