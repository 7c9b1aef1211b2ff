import type { Chain } from "../chain/types.js";
import type { CascadeState } from "../model/cascade/types.js";
import type { AaveVersionProfile } from "../model/lending/aave/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { AddressBook, ForkBorrowerStats } from "../protocols/types.js";

/** What fork mode found on the fork and what it changed there, for the report. */
export type ForkSetup = {
  blockNumber: string;
  chainId: number;
  /** Where the protocol addresses came from: "mainnet list" or the address file's path. */
  addressSource: string;
  /** Aave version profile detected per market. */
  profiles: Record<string, AaveVersionProfile>;
  /** Per market run, the rules it runs under, for the report ("Aave v3.6", "Comet, its own configuration"). */
  rules?: Record<string, string>;
  /** Per market: candidates found, how, those run, those left out and why. */
  borrowers: Record<string, ForkBorrowerStats>;
  /** Each state edit made on the fork before the snapshot, in order. */
  edits: string[];
  /** Scenario parts not run on the fork, with why. */
  excluded: { id: string; reason: string }[];
  /** Starting prices read off the fork (USD): the scenario's asset prices are replaced by these. */
  prices: Record<string, number>;
  /** Fork price of the underlying over the scenario's: option strikes are multiplied by it. */
  strikeScale?: number;
};

/**
 * A chain holding a cascade's starting world (a deployed replica, or a prepared fork) with a snapshot of it,
 * ready to run variants from (runVariantOnChain). Everything after opening is the same for both.
 */
export type ChainSession = {
  chain: Chain;
  book: AddressBook;
  /**
   * The model's starting state for a variant of the scenario, in the shape readCascadeState fills from the
   * chain: which pools, markets, positions and feeds there are, and the variant's behaviour.
   */
  baseState: (scenario: Scenario) => CascadeState;
  /** Tick-bitmap words read on each side of a pool's price (a fork reads cold storage); absent: all. */
  poolWordRadius?: Record<string, number>;
  /** Scenario markets that exist only in the model here, with the reason. */
  modelOnly: { id: string; reason: string }[];
  fork?: ForkSetup;
  /** deploymentKey of the scenario it was opened for: variants must share it. */
  key: string;
  /** Reverts to the starting state (checked) and snapshots it again. */
  reset: () => Promise<void>;
  stop: () => Promise<void>;
  timings: Record<string, number>;
};
