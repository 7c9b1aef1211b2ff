import { Worker } from "bullmq";
import { createChain } from "../../chain/createChain.js";
import { deploymentKey } from "../deploymentKey.js";
import { openReplicaSession, type ReplicaSession } from "../openReplicaSession.js";
import { replicaPastStates } from "../replicaPastStates.js";
import { sweepRow } from "../runSweep.js";
import { runVariantOnChain } from "../runVariantOnChain.js";
import { queueConnection, SWEEP_QUEUE } from "./queueConnection.js";
import type { SweepJob, SweepJobResult } from "./runSweepOnQueue.js";

/**
 * A worker for sweeps on a queue (runSweepOnQueue): it takes one variant at a time, runs it on a local
 * chain from its deployment's snapshot — deploying once per deployment and keeping it while the variants
 * it takes share it — and returns the row. While it runs a variant it renews the job's lock; a worker
 * that stops (killed, machine gone) stops renewing, and after `lockSeconds` the queue gives the variant to
 * another worker, which runs it from its own snapshot.
 *
 * @param parameters - the queue's URL, the lock time, progress, clock.
 * @returns `close()` (waits for the variant in hand) and `done`, which settles when the worker closes.
 */
export function runSweepWorker(parameters: {
  queue: string;
  lockSeconds?: number;
  onProgress?: (message: string) => void;
  now?: () => number;
}): { close: () => Promise<void>; ready: Promise<void> } {
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  const connection = queueConnection(parameters.queue);
  let session: ReplicaSession | undefined;
  let sessionKey: string | undefined;
  const lockDuration = (parameters.lockSeconds ?? 30) * 1000;
  const worker = new Worker<SweepJob, SweepJobResult>(
    SWEEP_QUEUE,
    async (job) => {
      const { scenario, values, backend } = job.data;
      const key = deploymentKey(scenario);
      if (!session || sessionKey !== key) {
        await session?.stop();
        session = undefined;
        progress(`deploying for ${scenario.name} on ${backend}`);
        session = await openReplicaSession(
          await createChain({ backend, ...replicaPastStates(scenario) }),
          scenario,
          { now },
        );
        sessionKey = key;
      }
      const label = Object.entries(values)
        .map(([p, v]) => `${p}=${v}`)
        .join(", ");
      progress(`variant ${label}`);
      const t0 = now();
      const run = await runVariantOnChain(session, scenario, { skipSsf: true, scan: "final", now });
      const { deployment: _d, ...row } = sweepRow(values, 0, run, now() - t0);
      progress(`variant ${label}: ${row.exactActions}/${row.executedActions} exact`);
      return row;
    },
    {
      connection,
      concurrency: 1,
      lockDuration,
      stalledInterval: Math.max(1000, lockDuration / 2),
      maxStalledCount: 3,
    },
  );
  return {
    ready: worker.waitUntilReady().then(() => undefined),
    async close() {
      await worker.close();
      await session?.stop();
      connection.disconnect();
    },
  };
}
