import { type CascadeResult, runCascade } from "../cascade/runCascade.js";
import { shockMultipliers } from "../cascade/shockPath.js";
import type { CascadeState } from "../cascade/types.js";
import type { Scenario } from "../scenario/schema.js";

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
  let hi = 0.99;
  const top = probe(hi);
  if (top.length === 0) return { shock: null, firstFailing: null, precision, runs };
  let lo = 0;
  let failingAtHi = top;
  while (hi - lo > precision) {
    const mid = (lo + hi) / 2;
    const f = probe(mid);
    if (f.length > 0) {
      hi = mid;
      failingAtHi = f;
    } else lo = mid;
  }
  return { shock: hi, firstFailing: failingAtHi[0] ?? null, precision, runs };
}
