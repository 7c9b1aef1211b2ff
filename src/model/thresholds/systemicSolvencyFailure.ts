import { runCascade } from "../cascade/runCascade.js";
import { shockMultipliers } from "../cascade/shockPath.js";
import type { CascadeResult, CascadeState } from "../cascade/types.js";
import type { Scenario } from "../scenario/schema.js";
import { bisectShock } from "./bisectShock.js";

export type SsfResult = {
  /** Smallest shock depth (fraction, 0.25 = −25%) at which some protocol's losses exceed its insurance fund; null if none up to 99%. */
  shock: number | null;
  /** The protocol that fails first at that shock. */
  firstFailing: string | null;
  precision: number;
  runs: { shock: number; failing: string[] }[];
};

const failing = (r: CascadeResult) =>
  Object.entries(r.totals.badDebtByProtocol)
    .filter(([, l]) => l.totalUsd > l.insuranceFundUsd)
    .map(([id]) => id);

/**
 * The Systemic Solvency Failure threshold: bisection on the shock's depth (shape kept) for the smallest
 * shock whose cascade leaves some protocol with losses above its insurance fund, to `precision`.
 * Bisection assumes failure is monotone in depth; each probed depth is listed in `runs` so a
 * non-monotone case is visible.
 */
export function systemicSolvencyFailure(
  initial: CascadeState,
  scenario: Scenario,
  {
    precision = scenario.thresholds.ssfPrecision,
    onProbe,
  }: { precision?: number; onProbe?: (depth: number) => void } = {},
): SsfResult {
  const runs: SsfResult["runs"] = [];
  const probe = (depth: number) => {
    onProbe?.(depth);
    const result = runCascade(initial, {
      shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds, depth),
      maxBlocks: scenario.maxBlocks,
      seed: scenario.seed,
      recordEvents: false,
    });
    const f = failing(result);
    runs.push({ shock: depth, failing: f });
    return f;
  };
  // The last failing probe is always the bracket's top, so its protocols are the first to fail.
  let failingAtHi: string[] = [];
  const search = bisectShock(precision);
  let step = search.next();
  while (!step.done) {
    const f = probe(step.value);
    if (f.length > 0) failingAtHi = f;
    step = search.next(f.length > 0);
  }
  return {
    shock: step.value,
    firstFailing: step.value === null ? null : (failingAtHi[0] ?? null),
    precision,
    runs,
  };
}
