// The SSF search in `npm run bench` (issue 16): the grid scan with refinement against the bisection it
// replaced, on the default scenario — probes, time, ratio, and what each reports — and the liquidators'
// sizing (most-profitable against largest) on one cascade at −80%, and the solvency map's time per cell.
import { buildCascadeState } from "../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../src/model/cascade/shockPath.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";
import { parseSweepParam } from "../src/model/sweep/parseSweepParam.js";
import { bisectShock } from "../src/model/thresholds/bisectShock.js";
import { solvencyMap } from "../src/model/thresholds/solvencyMap.js";
import { systemicSolvencyFailure } from "../src/model/thresholds/systemicSolvencyFailure.js";

const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

export function benchSsf(
  // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON
  base: Record<string, any>,
): Record<string, unknown> {
  const scenario = parseScenario(structuredClone(base));
  const initial = buildCascadeState(scenario);
  const fails = (depth: number) => {
    const r = runCascade(initial, {
      shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds, depth),
      maxBlocks: scenario.maxBlocks,
      seed: scenario.seed,
      recordEvents: false,
    });
    return Object.values(r.totals.badDebtByProtocol).some((l) => l.totalUsd > l.insuranceFundUsd);
  };
  let t = performance.now();
  let probes = 0;
  const search = bisectShock(scenario.thresholds.ssfPrecision);
  let step = search.next();
  while (!step.done) {
    probes++;
    step = search.next(fails(step.value));
  }
  const bisectionMs = performance.now() - t;
  const bisection = { shock: step.value, probes, ms: round(bisectionMs) };
  const scans = [0.05, 0.02, 0.01].map((gridStep) => {
    t = performance.now();
    const ssf = systemicSolvencyFailure(initial, scenario, { gridStep });
    const ms = performance.now() - t;
    return {
      gridStep,
      smallest: ssf.shock,
      intervals: ssf.intervals,
      monotone: ssf.monotone,
      probes: ssf.runs.length,
      ms: round(ms),
      toBisection: round(ms / bisectionMs, 2),
    };
  });
  const sizing = (["largest", "most-profitable"] as const).map((s) => {
    const variant = { ...scenario, liquidators: { ...scenario.liquidators, sizing: s } };
    const state = buildCascadeState(variant);
    const t0 = performance.now();
    const r = runCascade(state, {
      shock: shockMultipliers(variant.shock, variant.blockTimeSeconds, 0.8),
      maxBlocks: variant.maxBlocks,
      seed: variant.seed,
    });
    return {
      sizing: s,
      ms: round(performance.now() - t0, 1),
      liquidations: r.totals.liquidations,
      partial: r.events.filter((e) => e.debtToCover !== undefined).length,
      badDebtUsd: round(r.totals.badDebtUsd),
      attempts: r.work.aaveAttempts,
      provenUnprofitable: r.work.provenUnprofitable,
    };
  });
  // The solvency map: depth × oracle latency, per-cell time (each cell one cascade).
  const map = solvencyMap(scenario, {
    x: parseSweepParam("shock.depth=0.3:0.9:0.05"),
    y: parseSweepParam("oracle.latencyBlocks=0,1,2,5"),
    now: () => performance.now(),
  });
  const mapCells = map.x.values.length * map.y.values.length;
  return {
    scenario: scenario.name,
    bisection,
    scans,
    sizingAt80: sizing,
    map: { cells: mapCells, ms: round(map.timings.totalMs), perCellMs: round(map.timings.perCellMs, 1) },
  };
}
