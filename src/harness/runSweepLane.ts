import { createChain } from "../chain/createChain.js";
import type { ChainBackend } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import { openForkSession } from "./openForkSession.js";
import { openReplicaSession } from "./openReplicaSession.js";
import { replicaPastStates } from "./replicaPastStates.js";
import type { ForkRunOptions } from "./runScenarioOnChain.js";
import { type SweepRow, sweepRow } from "./runSweep.js";
import { runVariantOnChain } from "./runVariantOnChain.js";
import type { ChainSession } from "./types.js";

/** A variant a lane runs: its index in the sweep, its values, its scenario. */
export type LaneVariant = { i: number; values: SweepRow["values"]; scenario: Scenario };

/**
 * One lane of a sweep's pool of chains, wherever it runs (the sweep's process, or its own: sweepLaneWorker): it
 * starts its chain, deploys the replica (or prepares the fork) for the deployment's first scenario, then
 * runs the variants `next` hands it, one at a time, each from the snapshot, until there is none; its
 * chain is stopped whatever happens. Errors are thrown to the caller.
 *
 * @param lane - the chain, the deployment, its label in progress lines, the clock.
 * @param hooks - progress, the phases' times, the next variant, each row.
 */
export async function runSweepLane(
  lane: {
    backend: ChainBackend;
    fork?: ForkRunOptions & { blockNumber: bigint };
    scenario: Scenario;
    deployment: number;
    at: string;
    now: () => number;
  },
  hooks: {
    progress(message: string, done?: number, total?: number): void;
    timing(phase: "chainStartMs" | "deployMs", ms: number): void;
    next(): Promise<LaneVariant | undefined> | LaneVariant | undefined;
    row(i: number, row: SweepRow): void;
  },
): Promise<void> {
  const { fork, now } = lane;
  let session: ChainSession | undefined;
  try {
    hooks.progress(`${lane.at}: starting ${lane.backend}`);
    let t = now();
    const chain = await createChain({
      backend: lane.backend,
      ...(fork
        ? { fork: { url: fork.url, blockNumber: fork.blockNumber } }
        : replicaPastStates(lane.scenario)),
    });
    hooks.timing("chainStartMs", now() - t);
    t = now();
    const onProgress = (m: string, d?: number, total?: number) =>
      hooks.progress(`${lane.at}: ${m}`, d, total);
    session = fork
      ? await openForkSession(chain, lane.scenario, {
          addresses: fork.addresses,
          addressSource: fork.addressSource,
          ...(fork.borrowers ? { borrowers: fork.borrowers } : {}),
          ...(fork.cacheDir ? { cacheDir: fork.cacheDir } : {}),
          onProgress,
          now,
        })
      : await openReplicaSession(chain, lane.scenario, { onProgress, now });
    hooks.timing("deployMs", now() - t);
    for (let variant = await hooks.next(); variant; variant = await hooks.next()) {
      const t0 = now();
      const run = await runVariantOnChain(session, variant.scenario, { skipSsf: true, scan: "final", now });
      hooks.row(variant.i, sweepRow(variant.values, lane.deployment, run, now() - t0));
    }
  } finally {
    await session?.stop();
  }
}

/** A variant's values as progress lines show them: `oracle.latencyBlocks=2, shock.dropPct=40`. */
export function variantLabel(values: SweepRow["values"]): string {
  return Object.entries(values)
    .map(([p, v]) => `${p}=${v}`)
    .join(", ");
}
