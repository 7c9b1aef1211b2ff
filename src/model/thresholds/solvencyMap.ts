import { buildCascadeState } from "../cascade/buildCascadeState.js";
import { runCascade } from "../cascade/runCascade.js";
import { shockMultipliers } from "../cascade/shockPath.js";
import type { CascadeState } from "../cascade/types.js";
import type { Scenario } from "../scenario/schema.js";
import type { SweepParam } from "../sweep/parseSweepParam.js";
import { setScenarioParam } from "../sweep/setScenarioParam.js";

/** The map's own name for the shock's depth (its shape kept), as the SSF search varies it. */
export const SHOCK_DEPTH = "shock.depth";

/** One cell of the map: one cascade, each protocol's loss against its fund. */
export type SolvencyMapCell = {
  x: number | string | boolean;
  y: number | string | boolean;
  /** Per protocol: loss (USD), fund (USD). */
  protocols: Record<string, { lossUsd: number; fundUsd: number }>;
  /** Protocols whose loss exceeds their fund. */
  failing: string[];
  /** The largest loss / fund over the protocols (Infinity for a loss against no fund). */
  worstRatio: number;
  finalPrice: number;
  liquidations: number;
};

export type SolvencyMap = {
  x: SweepParam;
  y: SweepParam;
  /** Row-major: cells[yIndex][xIndex]. */
  cells: SolvencyMapCell[][];
  /** Per row (y value), the smallest x whose cascade fails (the SSF threshold along x when x is the depth). */
  firstFailingX: (number | string | boolean | null)[];
  /** Per row, whether failure is monotone in x (no passing cell after a failing one). */
  monotoneRows: boolean[];
  timings: { totalMs: number; perCellMs: number };
};

/** A variant for a cell: the scenario with both values set (`shock.depth` becomes the cascade's depth). */
export function mapVariant(
  scenario: Scenario,
  cell: { x: SweepParam; y: SweepParam; xValue: unknown; yValue: unknown },
): { variant: Scenario; depth?: number } {
  let variant = scenario;
  let depth: number | undefined;
  for (const [p, v] of [
    [cell.x, cell.xValue],
    [cell.y, cell.yValue],
  ] as const) {
    if (p.path === SHOCK_DEPTH) depth = Number(v);
    else variant = setScenarioParam(variant, p.path, v);
  }
  return depth === undefined ? { variant } : { variant, depth };
}

/**
 * The Cross-Protocol Solvency Map: one model cascade per cell of a grid over two scenario dimensions
 * (any scenario path, or `shock.depth`: the shock rescaled, shape kept), each protocol's loss against its
 * fund in every cell, and per row the first failing x and whether failure is monotone along it.
 *
 * @param scenario - the base scenario.
 * @param parameters - the two axes, a clock, progress per cell.
 * @returns the map.
 * @throws {ModelInputError} when a value is not valid for its field (checked before any cascade runs).
 */
export function solvencyMap(
  scenario: Scenario,
  parameters: {
    x: SweepParam;
    y: SweepParam;
    now?: () => number;
    onCell?: (done: number, total: number) => void;
  },
): SolvencyMap {
  const { x, y } = parameters;
  const now = parameters.now ?? (() => 0);
  const total = x.values.length * y.values.length;
  // Every value is validated first: a bad one fails before minutes of cascades.
  for (const xv of x.values)
    for (const yv of y.values) mapVariant(scenario, { x, y, xValue: xv, yValue: yv });
  const t0 = now();
  const built = new Map<string, CascadeState>();
  let done = 0;
  const cells = y.values.map((yValue) =>
    x.values.map((xValue): SolvencyMapCell => {
      const { variant, depth } = mapVariant(scenario, { x, y, xValue, yValue });
      // The starting state is built once per distinct variant (runCascade leaves it untouched): a depth
      // or any other behaviour-only axis shares it along the row.
      const key = JSON.stringify(variant);
      let initial = built.get(key);
      if (!initial) {
        initial = buildCascadeState(variant);
        built.set(key, initial);
      }
      const r = runCascade(initial, {
        shock: shockMultipliers(variant.shock, variant.blockTimeSeconds, depth),
        maxBlocks: variant.maxBlocks,
        seed: variant.seed,
        recordEvents: false,
      });
      parameters.onCell?.(++done, total);
      const protocols = Object.fromEntries(
        Object.entries(r.totals.badDebtByProtocol).map(([id, l]) => [
          id,
          { lossUsd: l.totalUsd, fundUsd: l.insuranceFundUsd },
        ]),
      );
      const ratios = Object.values(protocols).map((p) =>
        p.fundUsd > 0 ? p.lossUsd / p.fundUsd : p.lossUsd > 0 ? Number.POSITIVE_INFINITY : 0,
      );
      return {
        x: xValue,
        y: yValue,
        protocols,
        failing: Object.entries(protocols)
          .filter(([, p]) => p.lossUsd > p.fundUsd)
          .map(([id]) => id),
        worstRatio: Math.max(0, ...ratios),
        finalPrice: r.totals.finalPrice,
        liquidations: r.totals.liquidations,
      };
    }),
  );
  const totalMs = now() - t0;
  return {
    x,
    y,
    cells,
    firstFailingX: cells.map((row) => row.find((c) => c.failing.length > 0)?.x ?? null),
    monotoneRows: cells.map((row) => {
      const first = row.findIndex((c) => c.failing.length > 0);
      return first < 0 || row.slice(first).every((c) => c.failing.length > 0);
    }),
    timings: { totalMs, perCellMs: total ? totalMs / total : 0 },
  };
}
