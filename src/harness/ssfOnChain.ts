import { ChainRunError } from "../errors/ChainRunError.js";
import type { Scenario } from "../model/scenario/schema.js";
import { type FailureInterval, scanShock, shockGrid } from "../model/thresholds/scanShock.js";
import { runVariantOnChain } from "./runVariantOnChain.js";
import type { ChainSession } from "./types.js";

/** One probed shock depth, as the chain measured it and as the model predicted it on the same state. */
export type ChainSsfProbe = {
  shock: number;
  /** Protocols whose bad debt, measured from the chain's balances, exceeds their insurance fund. */
  failing: string[];
  /** The model's verdict at the same depth (the same cascade the chain executed). */
  modelFailing: string[];
  /** Protocols that exist only in the model on this chain and exceed their fund there (not counted). */
  modelOnlyFailing: string[];
  badDebtUsd: Record<string, number>;
  exactActions: number;
  executedActions: number;
  ms: number;
};

export type ChainSsf = {
  /** Smallest failing depth found on chain (fraction), null if none up to 99%. */
  shock: number | null;
  firstFailing: string | null;
  precision: number;
  /** The grid first probed (fraction): failure intervals narrower than it can be missed. */
  gridStep: number;
  /** Every shock range where the chain's probes failed, in depth order. */
  intervals: FailureInterval[];
  /** At most one interval, reaching −99%. */
  monotone: boolean;
  probes: ChainSsfProbe[];
  /** The probes where chain and model disagreed on failure (should be none: the chain runs the model's actions). */
  disagreements: number[];
};

/**
 * The Systemic Solvency Failure threshold found on chain: the shock's depth (shape kept) scanned on a grid
 * and every change of verdict bisected, each probe a full cascade from the session's snapshot (revert,
 * shock, cascade), failing when a protocol's bad debt measured from the chain's balances exceeds its
 * insurance fund. The grid, refinement and stopping rule are the model's own (scanShock), so the two
 * searches probe the same depths and can be read side by side.
 *
 * @param session - an open replica session for the scenario.
 * @param scenario - the scenario (its shock shape is kept, its depth varied).
 * @param parameters - precision and grid step (default the scenario's), progress, clock.
 * @returns the threshold and every probe.
 * @throws {ChainRunError} when a probe's cascade does not complete (its result cannot decide the bisection).
 */
export async function ssfOnChain(
  session: ChainSession,
  scenario: Scenario,
  parameters: {
    precision?: number;
    gridStep?: number;
    onProgress?: (message: string, done?: number, total?: number) => void;
    now?: () => number;
    /**
     * Other chains holding the same starting world (sessions of the same deployment): the grid's probes
     * run on all of them at once. The result is the one-chain result.
     */
    moreSessions?: readonly ChainSession[];
  } = {},
): Promise<ChainSsf> {
  const precision = parameters.precision ?? scenario.thresholds.ssfPrecision;
  const gridStep = parameters.gridStep ?? scenario.thresholds.ssfGridStep;
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  const probes: ChainSsfProbe[] = [];
  // The grid's probes, then about log2(grid / precision) per change of verdict (one expected).
  const maxProbes = Math.ceil(0.99 / gridStep) + Math.ceil(Math.log2(gridStep / precision));
  const measured = new Map<number, ChainSsfProbe>();
  const measure = async (on: ChainSession, shock: number): Promise<ChainSsfProbe> => {
    progress(
      `chain SSF probe ${measured.size + 1}: −${(shock * 100).toFixed(2)}%`,
      measured.size,
      Math.max(maxProbes, measured.size + 1),
    );
    const t = now();
    const run = await runVariantOnChain(on, scenario, {
      shockDepth: shock,
      skipSsf: true,
      scan: "final",
      now,
    });
    if (run.error || !run.chain || !run.model)
      throw new ChainRunError(`SSF probe at −${(shock * 100).toFixed(2)}% did not complete.`, {
        details: run.error ? `${run.error.phase}: ${run.error.message}` : "no result",
      });
    const losses = Object.entries(run.chain.totals.badDebtByProtocol);
    const failing = losses
      .filter(([, l]) => l.source === "chain" && l.exceedsInsuranceFund)
      .map(([id]) => id);
    const measuredProbe: ChainSsfProbe = {
      shock,
      failing,
      modelFailing: Object.entries(run.model.totals.badDebtByProtocol)
        .filter(
          ([id, l]) =>
            l.totalUsd > l.insuranceFundUsd &&
            run.chain!.totals.badDebtByProtocol[id]?.source !== "model-only",
        )
        .map(([id]) => id),
      modelOnlyFailing: losses
        .filter(([, l]) => l.source === "model-only" && l.exceedsInsuranceFund)
        .map(([id]) => id),
      badDebtUsd: Object.fromEntries(losses.map(([id, l]) => [id, l.totalUsd])),
      exactActions: run.chain.actions.exact,
      executedActions: run.chain.actions.executed,
      ms: now() - t,
    };
    measured.set(shock, measuredProbe);
    return measuredProbe;
  };
  // With more chains, the grid's probes first, spread over all of them (each takes the next depth).
  const pool = [session, ...(parameters.moreSessions ?? [])];
  if (pool.length > 1) {
    const queue = shockGrid({ gridStep }).filter((d) => d > 0);
    await Promise.all(
      pool.map(async (on) => {
        for (let d = queue.shift(); d !== undefined; d = queue.shift()) await measure(on, d);
      }),
    );
  }
  // The model's own grid, refinement and stopping rule (scanShock), answered from the grid's probes where
  // they ran already: the probes come out in the scan's order either way.
  const search = scanShock({ gridStep, precision });
  let step = search.next();
  while (!step.done) {
    const p = measured.get(step.value) ?? (await measure(session, step.value));
    probes.push(p);
    step = search.next(p.failing.length > 0);
  }
  const scan = step.value;
  const shock = scan.smallest;
  const firstFailing = shock === null ? null : (probes.find((p) => p.shock === shock)?.failing[0] ?? null);
  const disagreements = probes.filter((p) => p.failing.join() !== p.modelFailing.join()).map((p) => p.shock);
  return {
    shock,
    firstFailing,
    precision,
    gridStep,
    intervals: scan.intervals,
    monotone: scan.monotone,
    probes,
    disagreements,
  };
}
