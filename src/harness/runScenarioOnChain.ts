import { createChain } from "../chain/createChain.js";
import type { ChainBackend } from "../chain/types.js";
import type { CascadeAction } from "../model/cascade/runCascade.js";
import { type ModelReport, runModel } from "../model/runModel.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { AddressBook } from "../protocols/types.js";
import { type Comparison, compareRuns } from "./compareRuns.js";
import { deployReplica } from "./deployReplica.js";
import { readCascadeState } from "./readCascadeState.js";
import { type OnChainRun, runOnChain } from "./runOnChain.js";

export type RunReport = {
  scenario: { name: string; description: string; seed: number };
  chain: (OnChainRun & { addressBook: AddressBook; modelOnly: { id: string; reason: string }[] }) | null;
  model: ModelReport | null;
  comparison: Comparison | null;
  timings: Record<string, number>;
  /** Set when the run stopped early: what failed and after which phase. */
  error?: { phase: string; message: string };
};

export type RunScenarioOnChainParameters = {
  backend: ChainBackend;
  skipSsf?: boolean;
  onProgress?: (message: string, done?: number, total?: number) => void;
  /** Monotonic clock in ms. */
  now?: () => number;
};

/**
 * The product's main job on the local replica: start a chain, deploy and seed the scenario on real
 * contracts, read the state back, run the model on it (recording its actions), execute the same cascade on
 * chain block by block, and compare. Never throws for a failed phase: the report says where it stopped and
 * keeps what was measured before.
 *
 * @param scenario - a validated scenario.
 * @param parameters - backend, progress, clock.
 * @returns the run report (chain, model, comparison).
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
    timings: {},
  };
  let phase = "chain start";
  let t = now();
  const lap = (name: string) => {
    report.timings[name] = now() - t;
    t = now();
  };
  progress(`starting ${parameters.backend}`);
  let chain: Awaited<ReturnType<typeof createChain>> | undefined;
  try {
    chain = await createChain({ backend: parameters.backend });
    lap("chainStartMs");
    phase = "deploy and seed";
    const replica = await deployReplica(chain, scenario, {
      onProgress: (p, d, n) => progress(`deploy: ${p}`, d, n),
    });
    lap("deployMs");
    phase = "read back";
    const initial = await readCascadeState(chain, { book: replica.book, base: replica.state });
    lap("readBackMs");
    phase = "model";
    progress("model cascade");
    const actions: CascadeAction[] = [];
    report.model = runModel(scenario, {
      state: initial,
      onAction: (a) => actions.push(a),
      now,
      ...(parameters.skipSsf ? { skipSsf: true } : {}),
      onSsfProbe: (d) => progress(`model SSF probe −${(d * 100).toFixed(1)}%`),
    });
    lap("modelMs");
    phase = "chain cascade";
    const run = await runOnChain(chain, {
      book: replica.book,
      initial,
      actions,
      model: report.model,
      blockTimeSeconds: scenario.blockTimeSeconds,
      onBlock: (round, done, total) =>
        progress(
          `chain block ${round.block}: $${round.marketPrice.toFixed(2)}, ${round.liquidations} liquidations`,
          done,
          total,
        ),
    });
    lap("chainCascadeMs");
    report.chain = { ...run, addressBook: replica.book, modelOnly: replica.modelOnly };
    report.comparison = compareRuns(report.model, run);
    if (run.error) report.error = { phase, message: run.error };
  } catch (error) {
    report.error = { phase, message: (error as Error).message };
  } finally {
    await chain?.stop();
  }
  return report;
}
