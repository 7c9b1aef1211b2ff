import type { Address } from "viem";
import { createChain } from "../chain/createChain.js";
import type { ChainBackend } from "../chain/types.js";
import { ChainStartError } from "../errors/ChainStartError.js";
import type { ModelReport } from "../model/runModel.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { AddressBook, ForkAddresses } from "../protocols/types.js";
import type { OnChainRun } from "./chainLoop/types.js";
import type { Comparison } from "./compareRuns.js";
import { openForkSession } from "./openForkSession.js";
import { openReplicaSession } from "./openReplicaSession.js";
import { replicaPastStates } from "./replicaPastStates.js";
import { runVariantOnChain } from "./runVariantOnChain.js";
import { type ChainSsf, ssfOnChain } from "./ssfOnChain.js";
import type { ChainSession, ForkSetup } from "./types.js";

export type RunReport = {
  scenario: { name: string; description: string; seed: number };
  chain: (OnChainRun & { addressBook: AddressBook; modelOnly: { id: string; reason: string }[] }) | null;
  model: ModelReport | null;
  comparison: Comparison | null;
  /** Set for `dlcm replay`: the price-path file, the replayed asset, its sources and how it was applied. */
  replay?: { file: string; asset: string; sources: string[]; notes: string[] };
  /** Fork mode: the block, where addresses came from, borrowers found and run, every state edit made. */
  fork?: ForkSetup;
  /** The SSF threshold found on chain (each probe a cascade from the snapshot), when asked for. */
  chainSsf: ChainSsf | null;
  timings: Record<string, number>;
  /** Set when the run stopped early: what failed and after which phase. */
  error?: { phase: string; message: string };
};

/** Fork mode: the endpoint (and block) to fork, the protocols' addresses there, optional borrower lists and discovery cache. */
export type ForkRunOptions = {
  url: string;
  blockNumber?: bigint;
  addresses: ForkAddresses;
  addressSource: string;
  borrowers?: Record<string, Address[]>;
  cacheDir?: string;
};

export type RunScenarioOnChainParameters = {
  backend: ChainBackend;
  /** Run on a fork of this endpoint instead of a replica (fork mode). */
  fork?: ForkRunOptions;
  /** Search the SSF threshold in the model and on chain (off by default: each probe is a full cascade). */
  ssf?: boolean;
  /** Bisection precision of the chain SSF search (fraction); default the scenario's ssfPrecision. */
  ssfPrecision?: number;
  /** Grid step of the chain SSF scan (fraction); default the scenario's ssfGridStep. */
  ssfGridStep?: number;
  /**
   * Chains the chain SSF search runs its grid on at once (default 1): on a replica, each extra one gets
   * the same deployment. A fork runs on one.
   */
  ssfWorkers?: number;
  /** The liquidators' scan on the chain's side: after every block (default) or only at the end. */
  scan?: "every-block" | "final";
  onProgress?: (message: string, done?: number, total?: number) => void;
  /** Monotonic clock in ms. */
  now?: () => number;
};

/**
 * The product's main job, on the local replica or (with `fork`) on a fork: start a chain, deploy and seed
 * the scenario on real contracts (openReplicaSession) or prepare the fork's own (openForkSession),
 * snapshot, read the state back, run the model on it (recording its actions), execute the same
 * cascade on chain block by block, and compare; with `ssf`, then bisect the SSF threshold on chain from
 * the same snapshot. Never throws for a failed phase: the report says where it stopped and keeps what was
 * measured before.
 *
 * @param scenario - a validated scenario.
 * @param parameters - backend, fork, SSF, progress, clock.
 * @returns the run report (chain, model, comparison, chain SSF).
 */
export async function runScenarioOnChain(
  scenario: Scenario,
  parameters: RunScenarioOnChainParameters,
): Promise<RunReport> {
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  const report: RunReport = {
    scenario: { name: scenario.name, description: scenario.description, seed: scenario.seed },
    chain: null,
    model: null,
    comparison: null,
    chainSsf: null,
    timings: {},
  };
  let session: ChainSession | undefined;
  const moreSessions: ChainSession[] = [];
  const fork = parameters.fork;
  try {
    progress(fork ? `starting ${parameters.backend}, forking` : `starting ${parameters.backend}`);
    const t0 = now();
    const chain = await createChain({
      backend: parameters.backend,
      ...(fork
        ? {
            fork: {
              url: fork.url,
              ...(fork.blockNumber !== undefined ? { blockNumber: fork.blockNumber } : {}),
            },
          }
        : replicaPastStates(scenario)),
    });
    report.timings.chainStartMs = now() - t0;
    session = fork
      ? await openForkSession(chain, scenario, {
          addresses: fork.addresses,
          addressSource: fork.addressSource,
          ...(fork.borrowers ? { borrowers: fork.borrowers } : {}),
          ...(fork.cacheDir ? { cacheDir: fork.cacheDir } : {}),
          onProgress: progress,
          now,
        })
      : await openReplicaSession(chain, scenario, { onProgress: progress, now });
    if (session.fork) report.fork = session.fork;
    Object.assign(report.timings, session.timings);
    const variant = await runVariantOnChain(session, scenario, {
      skipSsf: !parameters.ssf,
      ...(parameters.scan ? { scan: parameters.scan } : {}),
      onProgress: progress,
      now,
    });
    Object.assign(report.timings, variant.timings);
    report.model = variant.model;
    report.comparison = variant.comparison;
    if (variant.chain)
      report.chain = {
        ...variant.chain,
        addressBook: session.book,
        modelOnly: session.modelOnly,
      };
    if (variant.error) report.error = variant.error;
    else if (parameters.ssf) {
      const t = now();
      const extra = fork ? 0 : Math.max(0, (parameters.ssfWorkers ?? 1) - 1);
      try {
        for (let i = 0; i < extra; i++) {
          progress(`chain SSF: starting chain ${i + 2} of ${extra + 1}`);
          const more = await createChain({ backend: parameters.backend, ...replicaPastStates(scenario) });
          moreSessions.push(await openReplicaSession(more, scenario, { now }));
        }
        report.chainSsf = await ssfOnChain(session, scenario, {
          ...(parameters.ssfPrecision !== undefined ? { precision: parameters.ssfPrecision } : {}),
          ...(parameters.ssfGridStep !== undefined ? { gridStep: parameters.ssfGridStep } : {}),
          moreSessions,
          onProgress: progress,
          now,
        });
      } finally {
        for (const s of moreSessions) await s.stop();
      }
      report.timings.chainSsfMs = now() - t;
    }
  } catch (error) {
    const phase = session
      ? "chain SSF"
      : error instanceof ChainStartError
        ? "chain start"
        : fork
          ? "fork setup"
          : "deploy and seed";
    report.error = { phase, message: (error as Error).message };
  } finally {
    await session?.stop();
  }
  return report;
}
