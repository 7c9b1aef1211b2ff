import { failingProtocols, runCascade } from "../cascade/runCascade.js";
import { shockMultipliers } from "../cascade/shockPath.js";
import type { CascadeResult, CascadeState } from "../cascade/types.js";
import { debtLeft, positionDebtUsd } from "../markets/debtLeft.js";
import type { Scenario } from "../scenario/schema.js";
import { type FailureInterval, scanShock, type VerdictChange } from "./scanShock.js";

/** What differs between the two cascades either side of a change of verdict. */
export type VerdictChangeWhy = VerdictChange & {
  /** Protocols failing at `lo` and at `hi`, with their losses against their funds (USD). */
  sides: { shock: number; failing: string[]; lossUsd: Record<string, number> }[];
  /**
   * Positions whose share of debt left differs by more than 1 pt between the two sides, the largest
   * difference in USD first (share × the position's starting debt at the starting oracle; ≤ 5).
   */
  positions: { market: string; id: string; debtLeftLo: number; debtLeftHi: number; debtUsd: number }[];
};

export type SsfResult = {
  /** Smallest shock depth (fraction, 0.25 = −25%) at which some protocol's losses exceed its insurance fund; null if none up to 99%. */
  shock: number | null;
  /** The protocol that fails first at that shock. */
  firstFailing: string | null;
  precision: number;
  /** The grid the range was first scanned on: failure intervals narrower than it can be missed. */
  gridStep: number;
  /** Every shock range where the probes failed, in depth order. */
  intervals: FailureInterval[];
  /** At most one interval, reaching −99%: failure is monotone in depth over what was probed. */
  monotone: boolean;
  /** Every change of verdict, narrowed to `precision`, with which protocols and positions switch there. */
  changes: VerdictChangeWhy[];
  runs: { shock: number; failing: string[] }[];
};

const failing = failingProtocols;

/**
 * The Systemic Solvency Failure threshold without assuming monotonicity: the shock's depth (shape kept)
 * scanned on a grid, every change of verdict refined by bisection (scanShock); failing means some
 * protocol's losses exceed its insurance fund. Returns the smallest failing shock, every failure interval
 * and, at each change of verdict, what differs between the cascades either side (the protocols, and the
 * positions whose debt is repaid on one side and left on the other).
 */
export function systemicSolvencyFailure(
  initial: CascadeState,
  scenario: Scenario,
  {
    precision = scenario.thresholds.ssfPrecision,
    gridStep = scenario.thresholds.ssfGridStep,
    range,
    onProbe,
  }: {
    precision?: number;
    gridStep?: number;
    range?: { from: number; to: number };
    onProbe?: (depth: number) => void;
  } = {},
): SsfResult {
  const runs: SsfResult["runs"] = [];
  const cascade = (depth: number) =>
    runCascade(initial, {
      shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds, depth),
      maxBlocks: scenario.maxBlocks,
      seed: scenario.seed,
      recordEvents: false,
    });
  const search = scanShock({ gridStep, precision, ...(range ? { range } : {}) });
  let step = search.next();
  while (!step.done) {
    onProbe?.(step.value);
    const f = failing(cascade(step.value));
    runs.push({ shock: step.value, failing: f });
    step = search.next(f.length > 0);
  }
  const scan = step.value;
  const at = (shock: number) => runs.find((r) => r.shock === shock)?.failing ?? [];
  return {
    shock: scan.smallest,
    firstFailing: scan.smallest === null ? null : (at(scan.smallest)[0] ?? null),
    precision,
    gridStep,
    intervals: scan.intervals,
    monotone: scan.monotone,
    changes: scan.changes.map((change) => explainChange(initial, change, cascade)),
    runs,
  };
}

/** Re-runs the two cascades either side of a change and says what differs (protocols, positions). */
function explainChange(
  initial: CascadeState,
  change: VerdictChange,
  cascade: (depth: number) => CascadeResult,
): VerdictChangeWhy {
  const [lo, hi] = [cascade(change.lo), cascade(change.hi)];
  const side = (shock: number, r: CascadeResult) => ({
    shock,
    failing: failing(r),
    lossUsd: Object.fromEntries(
      Object.entries(r.totals.badDebtByProtocol).map(([id, l]) => [id, l.totalUsd]),
    ),
  });
  const priceUsd = (symbol: string) =>
    Number(initial.oracles.find((o) => o.symbol === symbol)?.priceE8 ?? 0n) / 1e8;
  const positions = initial.markets.flatMap((market, m) => {
    const left = [debtLeft(market, lo.finalState.markets[m]!), debtLeft(market, hi.finalState.markets[m]!)];
    const debtUsd = positionDebtUsd(market, priceUsd);
    return market.positions.flatMap((p, i) =>
      Math.abs(left[0]![i]! - left[1]![i]!) > 0.01
        ? [
            {
              market: market.id,
              id: p.id,
              debtLeftLo: left[0]![i]!,
              debtLeftHi: left[1]![i]!,
              debtUsd: debtUsd[i]!,
            },
          ]
        : [],
    );
  });
  const switchedUsd = (p: (typeof positions)[number]) => Math.abs(p.debtLeftLo - p.debtLeftHi) * p.debtUsd;
  positions.sort((a, b) => switchedUsd(b) - switchedUsd(a));
  return {
    ...change,
    sides: [side(change.lo, lo), side(change.hi, hi)],
    positions: positions.slice(0, 5),
  };
}
