import { availableParallelism } from "node:os";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import type { ChainBackend } from "../chain/types.js";
import { UsageError } from "../errors/UsageError.js";
import { runScenarioOnChain } from "../harness/runScenarioOnChain.js";
import { writeRunReport } from "../report/writeRunReport.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { printRunSummary } from "./printRunSummary.js";
import { type ForkFlags, readForkOptions } from "./readForkOptions.js";
import { terminal } from "./terminal.js";
import { warnIfLong } from "./warnIfLong.js";

/**
 * `dlcm run <scenario> [--chain anvil|edr] [--out DIR] [--ssf] [--ssf-precision X] [--ssf-grid X]
 * [--fork-url URL | --fork] [--fork-block N] [--addresses FILE] [--borrowers FILE] [--cache DIR]`:
 * the cascade on real contracts, on the replica or on a fork.
 */
export type RunOptions = ForkFlags & {
  out?: string;
  chain: ChainBackend;
  ssf?: boolean;
  ssfPrecision?: number;
  ssfGrid?: number;
  scan: "every-block" | "final";
};

export async function commandRun(path: string, values: RunOptions): Promise<number> {
  const { chain: backend, scan } = values;
  const precision = values.ssfPrecision;
  const scenario = await loadScenario(path);
  const fork = await readForkOptions(values, scenario);
  if (fork && "error" in fork) throw new UsageError(fork.error);
  const out = values.out ?? `out/${scenario.name}${fork ? "-fork" : ""}`;
  terminal.done(
    fork
      ? `dlcm: ${scenario.name} — on ${backend}, ${fork.label}, the protocols' own contracts and state, model beside it`
      : `dlcm: ${scenario.name} — on ${backend} with the real protocol contracts, model beside it (seed ${scenario.seed})`,
  );
  if (!fork) warnIfLong(scenario, { backend, scan });
  await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
  const report = await runScenarioOnChain(scenario, {
    backend,
    ...(fork ? { fork: fork.fork } : {}),
    ssf: values.ssf ?? false,
    scan,
    ...(precision !== undefined ? { ssfPrecision: precision } : {}),
    ...(values.ssfGrid !== undefined ? { ssfGridStep: values.ssfGrid } : {}),
    // The chain SSF grid on a chain per core (anvil runs in its own processes; EDR in this one).
    ssfWorkers: backend === "anvil" ? Math.min(4, availableParallelism()) : 1,
    now: () => performance.now(),
    onProgress: (message, done, total) =>
      terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
  });
  const ms = Math.round(Object.values(report.timings).reduce((a, b) => a + b, 0));
  terminal.done(
    report.error ? `  stopped after ${ms} ms, during ${report.error.phase}` : `  done in ${ms} ms`,
  );
  return printRunSummary(report, await writeRunReport(report, out));
}
