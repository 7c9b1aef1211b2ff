import { createChain } from "../chain/createChain.js";
import type { ChainBackend } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import { mapVariant, type SolvencyMap } from "../model/thresholds/solvencyMap.js";
import { openReplicaSession } from "./openReplicaSession.js";
import { replicaPastStates } from "./replicaPastStates.js";
import { runVariantOnChain } from "./runVariantOnChain.js";

/** One map cell run on chain beside the model's verdict for it. */
export type MapConfirmation = {
  xIndex: number;
  yIndex: number;
  /** Protocols over their fund by the chain's balances (those that run on chain). */
  chainFailing: string[];
  /** The map's verdict for the cell, for the same protocols. */
  modelFailing: string[];
  chainLossUsd: Record<string, number>;
  agrees: boolean;
  exactActions: number;
  executedActions: number;
  ms: number;
  error?: string;
};

/**
 * The cells worth confirming first: each failing cell next to a passing one along its row (the map's
 * boundary), then the passing side of it, then the corners, without repeats, up to `count`.
 */
export function cellsToConfirm(map: SolvencyMap, count: number): { xIndex: number; yIndex: number }[] {
  const out: { xIndex: number; yIndex: number }[] = [];
  const seen = new Set<string>();
  const add = (xIndex: number, yIndex: number) => {
    const key = `${xIndex},${yIndex}`;
    if (out.length >= count || seen.has(key)) return;
    seen.add(key);
    out.push({ xIndex, yIndex });
  };
  const fails = (i: number, j: number) => map.cells[j]![i]!.failing.length > 0;
  map.cells.forEach((row, j) =>
    row.forEach((_, i) => {
      if (i + 1 < row.length && fails(i, j) !== fails(i + 1, j)) {
        add(fails(i, j) ? i : i + 1, j);
        add(fails(i, j) ? i + 1 : i, j);
      }
    }),
  );
  const [w, h] = [map.x.values.length - 1, map.y.values.length - 1];
  for (const [i, j] of [
    [0, 0],
    [w, h],
    [w, 0],
    [0, h],
  ] as const)
    add(i, j);
  return out;
}

/**
 * Runs chosen cells of a solvency map on the replica (one deployment, a revert per cell) and sets the
 * chain's verdict beside the model's: failing when a protocol's bad debt measured from the chain's
 * balances exceeds its fund. Cells whose axes change what is deployed cannot run from the snapshot and
 * carry the error. Never throws for a cell.
 *
 * @param scenario - the map's base scenario.
 * @param map - the model's map.
 * @param parameters - how many cells, backend, progress, clock.
 * @returns one confirmation per chosen cell.
 */
export async function confirmMapOnChain(
  scenario: Scenario,
  map: SolvencyMap,
  parameters: {
    count: number;
    backend: ChainBackend;
    onProgress?: (message: string, done?: number, total?: number) => void;
    now?: () => number;
  },
): Promise<MapConfirmation[]> {
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  const cells = cellsToConfirm(map, parameters.count);
  if (!cells.length) return [];
  const session = await openReplicaSession(
    await createChain({ backend: parameters.backend, ...replicaPastStates(scenario) }),
    scenario,
    {
      now,
      onProgress: progress,
    },
  );
  const out: MapConfirmation[] = [];
  try {
    for (const [k, { xIndex, yIndex }] of cells.entries()) {
      progress("confirming map cells on chain", k, cells.length);
      const t = now();
      const cell = map.cells[yIndex]![xIndex]!;
      const { variant, depth } = mapVariant(scenario, {
        x: map.x,
        y: map.y,
        xValue: cell.x,
        yValue: cell.y,
      });
      try {
        const run = await runVariantOnChain(session, variant, {
          ...(depth !== undefined ? { shockDepth: depth } : {}),
          skipSsf: true,
          scan: "final",
          now,
        });
        if (run.error || !run.chain)
          throw new Error(run.error ? `${run.error.phase}: ${run.error.message}` : "no result");
        const losses = Object.entries(run.chain.totals.badDebtByProtocol).filter(
          ([, l]) => l.source === "chain",
        );
        const onChain = new Set(losses.map(([id]) => id));
        const chainFailing = losses.filter(([, l]) => l.exceedsInsuranceFund).map(([id]) => id);
        const modelFailing = cell.failing.filter((id) => onChain.has(id));
        out.push({
          xIndex,
          yIndex,
          chainFailing,
          modelFailing,
          chainLossUsd: Object.fromEntries(losses.map(([id, l]) => [id, l.totalUsd])),
          agrees: chainFailing.join() === modelFailing.join(),
          exactActions: run.chain.actions.exact,
          executedActions: run.chain.actions.executed,
          ms: now() - t,
        });
      } catch (error) {
        out.push({
          xIndex,
          yIndex,
          chainFailing: [],
          modelFailing: cell.failing,
          chainLossUsd: {},
          agrees: false,
          exactActions: 0,
          executedActions: 0,
          ms: now() - t,
          error: (error as Error).message.split("\n")[0]!,
        });
      }
    }
  } finally {
    await session.stop();
  }
  return out;
}
