import { Worker } from "node:worker_threads";
import type { ChainBackend } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { SweepReport, SweepRow } from "./runSweep.js";
import { variantLabel } from "./runSweepLane.js";
import type { SweepLaneData, SweepLaneMessage, SweepLaneOrder } from "./sweepLaneWorker.js";

type Variant = { values: SweepRow["values"]; scenario: Scenario; i: number };

/**
 * One lane of a replica sweep's pool on a thread of its own (sweepLaneWorker): the thread starts its
 * chain and deploys, then takes the next variant of the shared `queue` each time it is ready, so the
 * lane's JavaScript (the model, the transactions, the checks) has a core too, not only its node. Rows,
 * phase times, progress and a failure come back into the sweep's report.
 *
 * @param sweep - the deployment's variants and queue, the report, the rows, progress, the shared counter.
 * @param n - the lane's number (for progress).
 * @returns when the thread has exited.
 */
export function runSweepLaneThread(
  sweep: {
    backend: ChainBackend;
    tag: string;
    deployment: number;
    group: readonly Variant[];
    queue: Variant[];
    variants: readonly unknown[];
    report: SweepReport;
    rows: Map<number, SweepRow>;
    progress: (message: string, done?: number, total?: number) => void;
    counter: { done: number };
  },
  n: number,
): Promise<void> {
  const { report, deployment, progress, counter } = sweep;
  return new Promise<void>((resolve) => {
    const worker = new Worker(new URL("./sweepLaneWorker.ts", import.meta.url), {
      workerData: {
        backend: sweep.backend,
        scenario: sweep.group[0]!.scenario,
        deployment,
        at: `${sweep.tag}, chain ${n + 1}`,
      } satisfies SweepLaneData,
      execArgv: ["--import", import.meta.resolve("tsx")],
    });
    const fail = (message: string) => {
      report.error = { phase: `deployment ${deployment + 1}`, message };
    };
    worker.on("message", (m: SweepLaneMessage) => {
      if (m.type === "progress") progress(m.message, m.done, m.total);
      else if (m.type === "timing") report.timings[m.phase] += m.ms;
      else if (m.type === "error") fail(m.message);
      else if (m.type === "row") {
        sweep.rows.set(m.i, m.row);
        report.timings.variantsMs += m.row.ms;
        counter.done++;
      } else {
        const variant = sweep.queue.shift();
        if (!variant) return worker.postMessage({ type: "done" } satisfies SweepLaneOrder);
        const label = variantLabel(variant.values);
        progress(
          `variant ${counter.done + 1}/${sweep.variants.length}: ${label}`,
          counter.done,
          sweep.variants.length,
        );
        worker.postMessage({
          type: "variant",
          i: variant.i,
          values: variant.values,
          scenario: variant.scenario,
        } satisfies SweepLaneOrder);
      }
    });
    worker.on("error", (error) => fail(error.message));
    worker.on("exit", () => resolve());
  });
}
