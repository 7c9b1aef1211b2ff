import { DeploymentError } from "../errors/DeploymentError.js";
import type { CascadeAction } from "../model/cascade/types.js";
import { type ModelReport, runModel } from "../model/runModel.js";
import type { Scenario } from "../model/scenario/schema.js";
import { deployAaveBotLiquidators } from "../protocols/aave/deployAaveBotLiquidators.js";
import type { ScanReads } from "../protocols/types.js";
import type { OnChainRun } from "./chainLoop/types.js";
import { type Comparison, compareRuns } from "./compareRuns.js";
import { deploymentKey } from "./deploymentKey.js";
import { readCascadeState } from "./readCascadeState.js";
import { runOnChain } from "./runOnChain.js";
import type { ChainSession } from "./types.js";

export type VariantRun = {
  model: ModelReport | null;
  chain: OnChainRun | null;
  comparison: Comparison | null;
  timings: { resetMs: number; readBackMs: number; modelMs: number; chainCascadeMs: number };
  error?: { phase: string; message: string };
};

export type RunVariantOnChainParameters = {
  /** Rescale the shock to this depth (fraction), shape kept: an SSF probe. */
  shockDepth?: number;
  skipSsf?: boolean;
  /** The chain-side liquidator scan: after every block (default) or only at the end (see runOnChain). */
  scan?: "every-block" | "final";
  /** What each per-block scan reads: what can have changed (default) or every position (see ScanReads). */
  scanReads?: ScanReads;
  onProgress?: (message: string, done?: number, total?: number) => void;
  /** Monotonic clock in ms. */
  now?: () => number;
};

/**
 * One cascade from the session's snapshot: revert to the freshly seeded state, read it back, run the
 * model on it with this scenario's behaviour (shock, oracle policies, books, liquidators), execute the
 * model's actions on chain block by block and compare. Any number of variants can run from one session;
 * each starts from the same state, so their results are independent. Never throws for a failed phase.
 *
 * @param session - an open session (openReplicaSession or openForkSession).
 * @param scenario - the variant; its deploymentKey must equal the session's.
 * @param parameters - shock depth, progress, clock.
 * @returns model report, chain run, comparison, timings; `error` when a phase failed.
 * @throws {DeploymentError} when the scenario needs a different deployment than the session holds.
 */
export async function runVariantOnChain(
  session: ChainSession,
  scenario: Scenario,
  parameters: RunVariantOnChainParameters = {},
): Promise<VariantRun> {
  if (deploymentKey(scenario) !== session.key)
    throw new DeploymentError(
      "This variant changes what is deployed (assets, pools, markets, borrowers, seed or accounts): it cannot run from this session's snapshot.",
      { metaMessages: ["Open a session for it (runSweep groups variants by deployment)."] },
    );
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  const { chain } = session;
  let book = session.book;
  const out: VariantRun = {
    model: null,
    chain: null,
    comparison: null,
    timings: { resetMs: 0, readBackMs: 0, modelMs: 0, chainCascadeMs: 0 },
  };
  let phase = "reset";
  let t = now();
  const lap = (name: keyof VariantRun["timings"]) => {
    out.timings[name] = now() - t;
    t = now();
  };
  try {
    await session.reset();
    const bots = scenario.liquidators.bots;
    if (bots && Object.keys(book.aave).length > 0) {
      // Competing bots send to contracts of their own, funded with their capital.
      phase = "bots' contracts";
      book = await deployAaveBotLiquidators(chain, { book, bots });
    }
    lap("resetMs");
    phase = "read back";
    const initial = await readCascadeState(chain, {
      book,
      base: session.baseState(scenario),
      ...(session.poolWordRadius ? { poolWordRadius: session.poolWordRadius } : {}),
    });
    lap("readBackMs");
    phase = "model";
    progress("model cascade");
    const actions: CascadeAction[] = [];
    const scan = parameters.scan ?? "every-block";
    const liquidatable = new Map<number, Record<string, number[]>>();
    out.model = runModel(scenario, {
      state: initial,
      onAction: (a) => actions.push(a),
      ...(scan === "every-block"
        ? {
            onLiquidatable: (block: number, market: string, indices: number[]) => {
              const entry = liquidatable.get(block) ?? {};
              entry[market] = indices;
              liquidatable.set(block, entry);
            },
          }
        : {}),
      now,
      ...(parameters.skipSsf ? { skipSsf: true } : {}),
      ...(parameters.shockDepth !== undefined ? { shockDepth: parameters.shockDepth } : {}),
      onSsfProbe: (d) => progress(`model SSF probe −${(d * 100).toFixed(1)}%`),
    });
    lap("modelMs");
    phase = "chain cascade";
    const run = await runOnChain(chain, {
      book,
      initial,
      actions,
      model: out.model,
      blockTimeSeconds: scenario.blockTimeSeconds,
      scan,
      ...(parameters.scanReads ? { scanReads: parameters.scanReads } : {}),
      modelLiquidatable: liquidatable,
      ...(scenario.liquidators.bots ? { botIds: scenario.liquidators.bots.map((b) => b.id) } : {}),
      onBlock: (round, done, total) =>
        progress(
          `chain block ${round.block}: $${round.marketPrice.toFixed(2)}, ${round.liquidations} liquidations`,
          done,
          total,
        ),
    });
    lap("chainCascadeMs");
    out.chain = run;
    out.comparison = compareRuns(out.model, run);
    if (run.error) out.error = { phase, message: run.error };
  } catch (error) {
    out.error = { phase, message: (error as Error).message };
  }
  return out;
}
