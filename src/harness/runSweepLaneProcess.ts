import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChainBackend } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { SweepReport, SweepRow } from "./runSweep.js";
import { variantLabel } from "./runSweepLane.js";
import type { SweepLaneData, SweepLaneMessage, SweepLaneOrder } from "./sweepLaneWorker.js";

type Variant = { values: SweepRow["values"]; scenario: Scenario; i: number };

/**
 * One lane of a replica sweep's pool in a process of its own (sweepLaneWorker): it pins itself and so its
 * chain to a CPU (when there are as many as lanes), starts its chain and deploys, then takes the next
 * variant of the shared `queue` each time it is ready, so the lane's JavaScript (the model, the
 * transactions, the checks) and its node share a core no other lane uses. On two cores, 20 variants ran
 * ×1.65–1.69 against serial this way, against ×1.5–1.6 with lanes as threads of one process (whose V8
 * helper threads float whatever one pins). Rows, phase times, progress and a failure come back into the
 * sweep's report.
 *
 * @param sweep - the deployment's variants and queue, the report, the rows, progress, the shared counter.
 * @param n - the lane's number (for progress).
 * @param cpu - its CPU, or undefined.
 * @returns when the process has exited.
 */
export function runSweepLaneProcess(
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
  /** The CPU to pin the lane and its chain to (pinToCpu); none: it floats. */
  cpu: number | undefined,
): Promise<void> {
  const { report, deployment, progress, counter } = sweep;
  return new Promise<void>((resolve) => {
    // The lane is TypeScript too: tsx's loader, resolved from here (not from the working directory).
    const worker = fork(fileURLToPath(new URL("./sweepLaneWorker.ts", import.meta.url)), [], {
      execArgv: ["--import", import.meta.resolve("tsx")],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    worker.send({
      backend: sweep.backend,
      scenario: sweep.group[0]!.scenario,
      deployment,
      at: `${sweep.tag}, chain ${n + 1}`,
      ...(cpu !== undefined ? { cpu } : {}),
    } satisfies SweepLaneData);
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
        if (!variant) return void worker.send({ type: "done" } satisfies SweepLaneOrder);
        const label = variantLabel(variant.values);
        progress(
          `variant ${counter.done + 1}/${sweep.variants.length}: ${label}`,
          counter.done,
          sweep.variants.length,
        );
        worker.send({
          type: "variant",
          i: variant.i,
          values: variant.values,
          scenario: variant.scenario,
        } satisfies SweepLaneOrder);
      }
    });
    worker.on("error", (error) => fail(error.message));
    worker.on("exit", (code, signal) => {
      if (code !== 0 && !report.error) fail(`its process ended with ${signal ?? `code ${code}`}`);
      resolve();
    });
  });
}
