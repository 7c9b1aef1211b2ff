/** A range of shock depths where every probe failed, as the scan found it. */
export type FailureInterval = {
  /** Smallest failing depth found (the pass→fail boundary, to the scan's precision). */
  from: number;
  /** Largest failing depth found (the fail→pass boundary, or the range's top). */
  to: number;
};

/** One change of verdict between two neighbouring probes, narrowed to the precision. */
export type VerdictChange = {
  /** The probe below the change and the one above it (hi − lo ≤ precision). */
  lo: number;
  hi: number;
  /** true: lo passes and hi fails (a failure starts); false: lo fails and hi passes (one ends). */
  failureStarts: boolean;
};

export type ShockScan = {
  /** Smallest failing depth found, null when nothing in the range fails. */
  smallest: number | null;
  intervals: FailureInterval[];
  changes: VerdictChange[];
  /** Failure is monotone in depth over what was probed: at most one interval, reaching the range's top. */
  monotone: boolean;
  gridStep: number;
  precision: number;
  range: { from: number; to: number };
};

const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * The SSF search without assuming failure is monotone in shock depth, as a generator so the model
 * (synchronous) and the chain (asynchronous) drive exactly the same probes: it yields each depth to probe
 * and is resumed with whether that probe failed. First a grid over the range (every `gridStep`, and the
 * range's top), with the range's bottom taken as passing when it is 0 (no shock); then every change of
 * verdict between neighbouring grid points is narrowed by bisection until its bracket is at most
 * `precision` wide. Failure intervals narrower than the grid can be missed: `gridStep` is reported.
 *
 * @param parameters - grid step and precision (fractions of the shock), and the range (default 0–0.99).
 * @returns (when done) the smallest failing depth, every failure interval, every verdict change.
 * @example
 * const scan = scanShock({ gridStep: 0.01, precision: 0.001 });
 * let step = scan.next();
 * while (!step.done) step = scan.next(probeFails(step.value));
 * step.value.intervals;
 */
export function* scanShock(parameters: {
  gridStep: number;
  precision: number;
  range?: { from: number; to: number };
}): Generator<number, ShockScan, boolean> {
  const { gridStep, precision } = parameters;
  const range = parameters.range ?? { from: 0, to: 0.99 };
  const verdicts = new Map<number, boolean>();
  const probe = function* (depth: number): Generator<number, boolean, boolean> {
    const d = round9(depth);
    const known = verdicts.get(d);
    if (known !== undefined) return known;
    const failed = yield d;
    verdicts.set(d, failed);
    return failed;
  };
  const grid = shockGrid({ gridStep, range });
  const verdictAt: boolean[] = [];
  for (const d of grid) verdictAt.push(d === 0 ? (verdicts.set(0, false), false) : yield* probe(d));
  const changes: VerdictChange[] = [];
  for (let i = 0; i + 1 < grid.length; i++) {
    if (verdictAt[i] === verdictAt[i + 1]) continue;
    let lo = grid[i]!;
    let hi = grid[i + 1]!;
    const atLo = verdictAt[i]!;
    while (hi - lo > precision) {
      const mid = round9((lo + hi) / 2);
      if ((yield* probe(mid)) === atLo) lo = mid;
      else hi = mid;
    }
    changes.push({ lo, hi, failureStarts: !atLo });
  }
  // Intervals from the probes in depth order: runs of failing probes.
  const probed = [...verdicts.entries()].sort((a, b) => a[0] - b[0]);
  const intervals: FailureInterval[] = [];
  let open: FailureInterval | undefined;
  for (const [d, failed] of probed) {
    if (failed) {
      if (open) open.to = d;
      else open = { from: d, to: d };
    } else if (open) {
      intervals.push(open);
      open = undefined;
    }
  }
  if (open) intervals.push(open);
  const top = round9(range.to);
  return {
    smallest: intervals[0]?.from ?? null,
    intervals,
    changes,
    monotone: intervals.length === 0 || (intervals.length === 1 && intervals[0]!.to === top),
    gridStep,
    precision,
    range,
  };
}

/**
 * The depths scanShock probes first, in order: the range's bottom every `gridStep`, then its top (the
 * bottom at 0 is known to hold and is not asked). A caller with several chains can run these at once and
 * answer the scan from what they found: the scan asks the same depths.
 *
 * @param parameters - the grid step and the range (default 0 to 0.99).
 * @returns the grid's depths.
 */
export function shockGrid(parameters: { gridStep: number; range?: { from: number; to: number } }): number[] {
  const range = parameters.range ?? { from: 0, to: 0.99 };
  const grid: number[] = [];
  for (let k = 0; ; k++) {
    const d = round9(range.from + k * parameters.gridStep);
    if (d >= range.to) break;
    grid.push(d);
  }
  grid.push(round9(range.to));
  return grid;
}
