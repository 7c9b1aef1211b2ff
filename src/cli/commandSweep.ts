import { availableParallelism } from "node:os";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import type { ChainBackend } from "../chain/types.js";
import { UsageError } from "../errors/UsageError.js";
import { runSweepOnQueue } from "../harness/queue/runSweepOnQueue.js";
import { runSweep } from "../harness/runSweep.js";
import { parseSweepParam } from "../model/sweep/parseSweepParam.js";
import { setScenarioParam } from "../model/sweep/setScenarioParam.js";
import { writeSweepReport } from "../report/writeSweepReport.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { type ForkFlags, readForkOptions } from "./readForkOptions.js";
import { terminal } from "./terminal.js";
import { warnIfLong } from "./warnIfLong.js";

const usd = (x: number | undefined) => (x === undefined ? "—" : `$${Math.round(x).toLocaleString("en-US")}`);

/**
 * `dlcm sweep <scenario> --param path=v1,v2,... [--param other=...] [--chain anvil|edr] [--workers N]
 * [--queue URL] [--policy FILE] [--out DIR] [fork mode's flags]`.
 */
export async function commandSweep(
  path: string,
  values: ForkFlags & {
    param: string[];
    out?: string;
    chain: ChainBackend;
    workers?: number;
    queue?: string;
    policy?: string;
  },
): Promise<number> {
  const specs = values.param;
  if (specs.length < 1 || specs.length > 2)
    throw new UsageError("dlcm sweep takes one or two --param, e.g. --param oracle.latencyBlocks=0,1,2,5,10");
  const backend = values.chain;
  const params = specs.map(parseSweepParam);
  const scenario = await loadScenario(path, values.policy !== undefined ? { policy: values.policy } : {});
  // Every value is checked before anything is printed or started (a bad one is an error naming the field).
  for (const p of params) for (const v of p.values) setScenarioParam(scenario, p.path, v);
  const fork = await readForkOptions(values, scenario);
  if (fork && "error" in fork) throw new UsageError(fork.error);
  if (fork && values.queue)
    throw new UsageError(
      "--queue with fork mode would hand the endpoint (and its key) to every worker through Redis: run a fork sweep here, with --workers.",
    );
  const out = values.out ?? `out/sweep-${scenario.name}${fork ? "-fork" : ""}`;
  const count = params.reduce((n, p) => n * p.values.length, 1);
  terminal.done(
    `dlcm: sweep of ${scenario.name} over ${params.map((p) => p.path).join(" × ")} (${count} variants) on ${values.queue ? `${backend}, through the queue's workers` : fork ? `${backend}, ${fork.label}` : backend}${values.workers && values.workers > 1 ? ` ×${values.workers}` : ""}`,
  );
  warnIfLong(scenario, { backend, scan: "final", runs: count });
  await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
  // anvil runs in its own process: one per core; EDR runs in this one, where a second gains nothing.
  const workers = values.workers ?? (backend === "anvil" ? Math.min(4, availableParallelism()) : 1);
  const onProgress = (message: string, done?: number, total?: number) =>
    terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`);
  const report = values.queue
    ? await runSweepOnQueue(scenario, {
        params,
        backend,
        queue: values.queue,
        now: () => performance.now(),
        onProgress,
      })
    : await runSweep(scenario, {
        params,
        backend,
        workers,
        ...(fork ? { fork: fork.fork } : {}),
        now: () => performance.now(),
        onProgress,
      });
  terminal.done(
    `  done in ${Math.round(report.timings.totalMs)} ms (${report.deployments} deployment${report.deployments === 1 ? "" : "s"})`,
  );
  const written = await writeSweepReport(report, out);
  const lines = [
    "",
    `${params.map((p) => p.path).join(" | ")} | liquidated (chain) | bad debt (chain) | bad debt (model) | exact txs`,
    ...report.rows.map(
      (r) =>
        `${params.map((p) => String(r.values[p.path])).join(" | ")} | ${usd(r.chain?.valueLiquidatedUsd)} | ${usd(r.chain?.badDebtUsd)} | ${usd(r.model?.badDebtUsd)} | ${r.exactActions}/${r.executedActions}${r.error ? `  (${r.error.phase}: ${r.error.message.split("\n")[0]})` : ""}`,
    ),
    "",
    `Report: ${written.markdown}`,
    `Table:  ${written.csv}`,
    `JSON:   ${written.json}`,
  ];
  terminal.summary(lines, { command: "sweep", report: written, rows: report.rows.length });
  return report.rows.some((r) => r.error) ? 1 : 0;
}
