import type { Address } from "viem";
import { ensurePinnedBuild } from "../build/ensurePinnedBuild.js";
import { MORPHO_ORACLE_SOURCE } from "../build/morphoOracleSource.js";
import type { Chain } from "../chain/types.js";
import { DeploymentError } from "../errors/DeploymentError.js";
import type { AaveMarketModel, CompoundMarketModel, MarketModel } from "../model/cascade/types.js";
import { isOriginProfile } from "../model/lending/aave/isOriginProfile.js";
import type { AavePosition, AaveVersionProfile } from "../model/lending/aave/types.js";
import { prepareAaveForkMarket } from "./aave/prepareAaveForkMarket.js";
import { selectAaveForkBorrowers } from "./aave/selectAaveForkBorrowers.js";
import { prepareCometForkMarket } from "./compound/prepareCometForkMarket.js";
import { selectCometForkBorrowers } from "./compound/selectCometForkBorrowers.js";
import { prepareMorphoForkMarket } from "./morpho/prepareMorphoForkMarket.js";
import type { AddressBook, ForkAddresses, ForkBorrowerStats } from "./types.js";

/** What every fork market preparation is given (one implementation per protocol below). */
export type ForkMarketParameters<M extends MarketModel> = {
  /** The market in the model's shape, built from the scenario (its ids, symbols and behaviour). */
  market: M;
  addresses: ForkAddresses;
  tokens: AddressBook["tokens"];
  harness: AddressBook["harness"];
  deployer: Address;
  /** Settable feeds by symbol, shared across markets: filled as markets are prepared. */
  feeds: AddressBook["feeds"];
  blockNumber: bigint;
  discovery: { lookbackBlocks: number; chunkBlocks: number };
  maxBorrowers: number;
  /** Borrowers from a file for this market; absent: discovered from the protocol's events. */
  listed?: Address[] | undefined;
  cacheDir?: string | undefined;
  onProgress: (message: string, done?: number, total?: number) => void;
};

/** A fork market made to fit the model, or why it is not run. */
export type ForkMarketPreparation =
  | {
      book: Pick<AddressBook, "aave" | "compound" | "morpho">;
      borrowers: Address[];
      stats: ForkBorrowerStats;
      edits: string[];
      /** The market's oracle prices at the start, 8 decimals, per symbol. */
      pricesE8: Record<string, bigint>;
      profile?: AaveVersionProfile;
      /** The rules it runs under, for the report. */
      rules: string;
      /** What the model's market becomes in the fork's shape (readCascadeState fills its balances). */
      shape: (market: MarketModel) => MarketModel;
    }
  | { excluded: string };

type Implementation<K extends MarketModel["kind"]> = {
  /**
   * The market fixes the addresses of the USD feeds it reads (Comet's immutables): such markets are
   * prepared first, so those feeds become the shared ones other markets (Aave's settable oracle, a Comet
   * priced in its base) read.
   */
  fixesFeeds(market: Extract<MarketModel, { kind: K }>): boolean;
  prepare(
    chain: Chain,
    parameters: ForkMarketParameters<Extract<MarketModel, { kind: K }>>,
  ): Promise<ForkMarketPreparation>;
};

const implementations: { [K in MarketModel["kind"]]: Implementation<K> } = {
  "morpho-blue": {
    fixesFeeds: () => false,
    async prepare(chain, p) {
      const at = p.addresses.morpho?.[p.market.id];
      if (!at)
        return {
          excluded: `the address list has no Morpho market for "${p.market.id}" (give its Morpho and market id under morpho.${p.market.id} in --addresses).`,
        };
      const built = await ensurePinnedBuild(MORPHO_ORACLE_SOURCE, (line) => p.onProgress(line));
      if (!built.ok) return { excluded: built.reason };
      p.onProgress(`fork: morpho ${p.market.id}`);
      return await prepareMorphoForkMarket(chain, p, at);
    },
  },
  "aave-v3": {
    fixesFeeds: () => false,
    async prepare(chain, p) {
      const { market } = p;
      const m = p.addresses.aave[market.id];
      if (!m) return { excluded: `the address list has no Aave market "${market.id}".` };
      const assets = market.reserves.map((r) => ({ symbol: r.symbol, asset: tokenAddress(p, r.symbol) }));
      p.onProgress(`fork: aave ${market.id}`);
      const prepared = await prepareAaveForkMarket(chain, {
        id: market.id,
        market: m,
        assets,
        lens: p.harness.aaveLens,
        deployer: p.deployer,
        feeds: p.feeds,
      });
      const selected = await selectAaveForkBorrowers(chain, {
        id: market.id,
        pool: m.pool,
        lens: p.harness.aaveLens,
        assets,
        listed: p.listed,
        blockNumber: p.blockNumber,
        discovery: p.discovery,
        maxBorrowers: p.maxBorrowers,
        cacheDir: p.cacheDir,
        eModeModelled: isOriginProfile(prepared.profile),
        onProgress: p.onProgress,
      });
      return {
        book: { aave: { [market.id]: prepared.addresses } },
        borrowers: selected.run,
        stats: selected.stats,
        edits: prepared.edits,
        pricesE8: prepared.pricesE8,
        profile: prepared.profile,
        rules: `Aave ${prepared.profile}`,
        shape: (variant) => {
          const v = variant as AaveMarketModel;
          const zeros = v.reserves.map(() => 0n);
          const positions: AavePosition[] = selected.run.map((address) => ({
            id: address.toLowerCase(),
            scaledCollateral: [...zeros],
            scaledDebt: [...zeros],
            usingAsCollateral: v.reserves.map(() => false),
          }));
          return { ...v, profile: prepared.profile, positions } satisfies AaveMarketModel;
        },
      };
    },
  },
  "compound-v3": {
    // A Comet priced in its base reads its collaterals' USD feeds through its own composite feeds: after.
    fixesFeeds: (market) => market.priceFeeds === "usd",
    async prepare(chain, p) {
      const { market } = p;
      const comet = p.addresses.compound?.[market.id]?.comet;
      const configurator = p.addresses.compound?.[market.id]?.configurator;
      if (!comet || !configurator)
        return {
          excluded: `the address list has no Comet for market "${market.id}" (base ${market.market.baseSymbol}, priced ${market.priceFeeds === "usd" ? "in USD" : "in its base"}; mainnet's list maps cUSDCv3 and cUSDTv3 (USD) and cWETHv3 (priceFeeds "in-base") by base).`,
        };
      p.onProgress(`fork: compound ${market.id}`);
      const prepared = await prepareCometForkMarket(chain, {
        id: market.id,
        comet,
        configurator,
        market,
        tokens: p.tokens,
        lens: p.harness.cometLens!,
        deployer: p.deployer,
        feeds: p.feeds,
      });
      if ("excluded" in prepared) return prepared;
      const m = market.market;
      const selected = await selectCometForkBorrowers(chain, {
        id: market.id,
        comet,
        lens: p.harness.cometLens!,
        assets: prepared.addresses.assets,
        feeds: prepared.addresses.priceFeeds,
        offsets: prepared.configuration.assets.map((a) => a.offset),
        base: market,
        listed: p.listed,
        blockNumber: p.blockNumber,
        discovery: p.discovery,
        maxBorrowers: p.maxBorrowers,
        cacheDir: p.cacheDir,
        onProgress: p.onProgress,
      });
      // The backstop is Comet's own reserves at the fork's block, at its base price.
      const reservesUsd =
        (Number(prepared.reserves) / Number(prepared.configuration.baseScale)) *
        (Number(prepared.pricesE8[m.baseSymbol]!) / 1e8);
      return {
        book: { aave: {}, compound: { [market.id]: prepared.addresses } },
        borrowers: selected.run,
        stats: selected.stats,
        edits: prepared.edits,
        pricesE8: prepared.pricesE8,
        rules: "Comet, its own configuration",
        shape: (variant) => {
          const v = variant as CompoundMarketModel;
          const zeros = v.market.assets.map(() => 0n);
          return {
            ...v,
            insuranceFundUsd: Math.max(0, reservesUsd),
            positions: selected.run.map((address) => ({
              id: address.toLowerCase(),
              principal: 0n,
              collateral: [...zeros],
            })),
          } satisfies CompoundMarketModel;
        },
      };
    },
  },
};

function tokenAddress(p: ForkMarketParameters<MarketModel>, symbol: string): Address {
  const token = p.tokens[symbol];
  if (!token) throw new DeploymentError(`markets.${p.market.id}: the address list has no token ${symbol}.`);
  return token.address;
}

/**
 * The order fork markets are prepared in: markets whose protocol fixes its feeds first (their feeds become
 * the shared ones), then the rest, each group in the scenario's order.
 */
export function forkPreparationOrder<M extends MarketModel>(markets: readonly M[]): M[] {
  const fixes = (m: M) => (implementations[m.kind] as Implementation<M["kind"]>).fixesFeeds(m as never);
  return [...markets.filter(fixes), ...markets.filter((m) => !fixes(m))];
}

/**
 * Prepares one of the fork's own markets with its protocol's implementation; nothing here asks which
 * protocol it is (the replica's counterpart is deployReplicaMarket).
 *
 * @param chain - a chain proven to be a local fork.
 * @param parameters - the market model, the fork's addresses, helpers, shared feeds, discovery options.
 * @returns its addresses, borrowers, statistics, edits, prices and model shape, or why it is excluded.
 */
export function prepareForkMarket(
  chain: Chain,
  parameters: ForkMarketParameters<MarketModel>,
): Promise<ForkMarketPreparation> {
  const implementation = implementations[parameters.market.kind] as Implementation<MarketModel["kind"]>;
  return implementation.prepare(
    chain,
    parameters as ForkMarketParameters<Extract<MarketModel, { kind: MarketModel["kind"] }>>,
  );
}
