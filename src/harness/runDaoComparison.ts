import type { ChainBackend } from "../chain/types.js";
import { ModelInputError } from "../errors/ModelInputError.js";
import { buildCascadeState } from "../model/cascade/buildCascadeState.js";
import { DAO_LEVERS } from "../model/scenario/daoSchema.js";
import type { Scenario } from "../model/scenario/schema.js";
import { DAO_LEVERS_PATH, setScenarioParam } from "../model/sweep/setScenarioParam.js";
import { systemicSolvencyFailure } from "../model/thresholds/systemicSolvencyFailure.js";
import type { ForkRunOptions } from "./runScenarioOnChain.js";
import { runSweep, type SweepReport } from "./runSweep.js";

/** One column of the comparison: which levers, and (with `ssf`) the model's SSF with them. */
export type DaoVariant = {
  name: string;
  /** The Systemic Solvency Failure threshold with these levers (model search), when asked for. */
  ssf?: { shock: number | null; firstFailing: string | null; probes: number };
};

/** `dlcm run --policy`: the scenario without its DAO, with each lever alone and with all, on chain. */
export type DaoComparison = { variants: DaoVariant[]; sweep: SweepReport };

/**
 * Runs a scenario with a DAO policy side by side on the replica: without the DAO (`none`), each of its
 * levers alone, and all together (`all`), each variant from the same snapshot, the model beside it, every
 * transaction checked (runSweep over `dao.levers`). With `ssf`, each variant's SSF is searched in the model
 * too (the margin lever's live SSF makes every probe of it a set of cascades: slow, so asked for).
 *
 * @param scenario - a scenario with a `dao` section.
 * @param parameters - backend, chains at once, the SSF grid (or none), progress, clock.
 * @returns the variants and the sweep's rows, in the same order.
 * @throws {ModelInputError} when the scenario has no DAO policy.
 */
export async function runDaoComparison(
  scenario: Scenario,
  parameters: {
    backend: ChainBackend;
    workers?: number;
    /** Fork mode: each variant on a fork of this endpoint, prepared by fork mode's path. */
    fork?: ForkRunOptions;
    ssf?: { gridStep?: number; precision?: number };
    onProgress?: (message: string, done?: number, total?: number) => void;
    now?: () => number;
  },
): Promise<DaoComparison> {
  const present = DAO_LEVERS.filter((l) => scenario.dao?.[l]);
  if (present.length === 0)
    throw new ModelInputError("The scenario has no DAO policy: give one with --policy FILE.");
  const names = ["none", ...present, ...(present.length > 1 ? ["all"] : [])];
  const progress = parameters.onProgress ?? (() => {});
  const sweep = await runSweep(scenario, {
    params: [{ path: DAO_LEVERS_PATH, values: names }],
    backend: parameters.backend,
    ...(parameters.workers !== undefined ? { workers: parameters.workers } : {}),
    ...(parameters.fork ? { fork: parameters.fork } : {}),
    onProgress: progress,
    ...(parameters.now ? { now: parameters.now } : {}),
  });
  const variants: DaoVariant[] = names.map((name) => {
    if (!parameters.ssf) return { name };
    const variant = setScenarioParam(scenario, DAO_LEVERS_PATH, name);
    let probes = 0;
    const ssf = systemicSolvencyFailure(buildCascadeState(variant), variant, {
      ...(parameters.ssf.gridStep !== undefined ? { gridStep: parameters.ssf.gridStep } : {}),
      ...(parameters.ssf.precision !== undefined ? { precision: parameters.ssf.precision } : {}),
      onProbe: (d) => progress(`SSF with ${name}: probe −${(d * 100).toFixed(1)}%`, ++probes),
    });
    return { name, ssf: { shock: ssf.shock, firstFailing: ssf.firstFailing, probes } };
  });
  return { variants, sweep };
}
