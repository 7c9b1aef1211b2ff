import { createHash } from "node:crypto";
import { Job, Queue, QueueEvents } from "bullmq";
import type { ChainBackend } from "../../chain/types.js";
import type { Scenario } from "../../model/scenario/schema.js";
import type { SweepParam } from "../../model/sweep/parseSweepParam.js";
import { type SweepReport, type SweepRow, sweepVariants } from "../runSweep.js";
import { queueConnection, SWEEP_QUEUE } from "./queueConnection.js";

/** One variant as a job: what a worker needs to run it, whatever machine it is on. */
export type SweepJob = { scenario: Scenario; values: SweepRow["values"]; backend: ChainBackend };

/** What a worker returns for a job (the row without the deployment number, which the sweep assigns). */
export type SweepJobResult = Omit<SweepRow, "deployment">;

/** Jobs' ids carry the code's version: a rerun with other code does not reuse old results. */
const VERSION = "dlcm-0.1.0-sweep-1";

/**
 * A sweep whose variants run on workers (`dlcm worker --queue URL`, on any number of machines) through a
 * BullMQ queue on Redis, instead of in this process. Each variant is one job whose id is a hash of its
 * scenario and backend: a rerun of a finished sweep finds its jobs completed and reuses their results,
 * and a variant a killed worker left half done is retried by another (BullMQ's stalled-job check; the
 * worker's chain state for it is discarded, since every variant starts from its deployment's snapshot).
 * The report is the one a local sweep writes: rows in the order of the values.
 *
 * @param scenario - the base scenario.
 * @param parameters - the swept parameters, backend, the queue's URL, progress, clock, a time limit.
 * @returns the sweep report.
 * @throws {ModelInputError | ScenarioValidationError} when a path or value is invalid (nothing is queued).
 */
export async function runSweepOnQueue(
  scenario: Scenario,
  parameters: {
    params: SweepParam[];
    backend: ChainBackend;
    queue: string;
    onProgress?: (message: string, done?: number, total?: number) => void;
    now?: () => number;
    /** Give up waiting after this long (ms); default 24 h. */
    timeoutMs?: number;
  },
): Promise<SweepReport> {
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  const variants = sweepVariants(scenario, parameters.params);
  const keys = [...new Set(variants.map((v) => v.key))];
  const connection = queueConnection(parameters.queue);
  const queue = new Queue<SweepJob, SweepJobResult>(SWEEP_QUEUE, { connection });
  const events = new QueueEvents(SWEEP_QUEUE, { connection });
  const start = now();
  try {
    await events.waitUntilReady();
    let done = 0;
    let reused = 0;
    const rows = await Promise.all(
      variants.map(async (variant) => {
        const data: SweepJob = {
          scenario: variant.scenario,
          values: variant.values,
          backend: parameters.backend,
        };
        const jobId = createHash("sha256")
          .update(JSON.stringify({ VERSION, scenario: variant.scenario, backend: parameters.backend }))
          .digest("hex")
          .slice(0, 32);
        const added = await queue.add("variant", data, {
          jobId,
          attempts: 3,
          removeOnComplete: false,
          removeOnFail: false,
        });
        const known = await Job.fromId<SweepJob, SweepJobResult>(queue, jobId);
        let result: SweepJobResult;
        if (known && (await known.getState()) === "completed") {
          reused++;
          result = known.returnvalue;
        } else result = await added.waitUntilFinished(events, parameters.timeoutMs ?? 86_400_000);
        done++;
        progress(`variants done on the queue (${reused} reused)`, done, variants.length);
        // The local sweep's key order too, so the JSON report is byte for byte the same.
        const { values, ...rest } = result;
        return { values, deployment: keys.indexOf(variant.key), ...rest } satisfies SweepRow;
      }),
    );
    const totalMs = now() - start;
    return {
      scenario: { name: scenario.name, description: scenario.description, seed: scenario.seed },
      backend: parameters.backend,
      params: parameters.params,
      rows,
      deployments: keys.length,
      timings: {
        chainStartMs: 0,
        deployMs: 0,
        variantsMs: rows.reduce((a, r) => a + r.ms, 0),
        totalMs,
      },
    };
  } finally {
    await events.close();
    await queue.close();
    connection.disconnect();
  }
}
