import { availableParallelism } from "node:os";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import type { ChainBackend } from "../chain/types.js";
import { UsageError } from "../errors/UsageError.js";
import { runDaoComparison } from "../harness/runDaoComparison.js";
import { runScenarioOnChain } from "../harness/runScenarioOnChain.js";
import { writeDaoReport } from "../report/writeDaoReport.js";
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
  /** A Sovereign Risk DAO policy file: the side-by-side comparison of its levers. */
  policy?: string;
};

export async function commandRun(path: string, values: RunOptions): Promise<number> {
  const { chain: backend, scan } = values;
  const precision = values.ssfPrecision;
  if (values.policy !== undefined) return commandRunPolicy(path, values, values.policy);
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

/**
 * `dlcm run <scenario> --policy FILE`: without the DAO, each lever, all; side by side on the replica, or on
 * forks of one block (fork mode's path for each chain, the levers through the fork's own admins).
 */
async function commandRunPolicy(path: string, values: RunOptions, policy: string): Promise<number> {
  const scenario = await loadScenario(path, { policy });
  const fork = await readForkOptions(values, scenario);
  if (fork && "error" in fork) throw new UsageError(fork.error);
  if (fork && values.ssf)
    throw new UsageError(
      "--ssf with --policy searches each variant's SSF in the model on the scenario's own book, not the fork's: drop --ssf for a fork run.",
    );
  const out = values.out ?? `out/dao-${scenario.name}${fork ? "-fork" : ""}`;
  terminal.done(
    `dlcm: ${scenario.name} with the DAO policy ${policy} — each lever on ${values.chain}, ${fork ? `${fork.label}, the protocols' own contracts and state` : "with the real protocol contracts"}, model beside it`,
  );
  warnIfLong(scenario, { backend: values.chain, scan: "final", runs: 5 });
  await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
  const comparison = await runDaoComparison(scenario, {
    backend: values.chain,
    ...(fork ? { fork: fork.fork } : {}),
    workers: values.chain === "anvil" ? Math.min(4, availableParallelism()) : 1,
    ...(values.ssf
      ? {
          ssf: {
            ...(values.ssfGrid !== undefined ? { gridStep: values.ssfGrid } : {}),
            ...(values.ssfPrecision !== undefined ? { precision: values.ssfPrecision } : {}),
          },
        }
      : {}),
    now: () => performance.now(),
    onProgress: (message, done, total) =>
      terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
  });
  const written = await writeDaoReport(comparison, out);
  const usd = (x: number | undefined) =>
    x === undefined ? "—" : `$${Math.round(x).toLocaleString("en-US")}`;
  const lines = [
    "",
    "levers | liquidated (chain) | bad debt (chain) | fund P&L | pushed into liquidation | SSF | exact txs",
    ...comparison.sweep.rows.map((r, i) => {
      const v = comparison.variants[i]!;
      const f = r.dao?.backstop;
      return `${v.name} | ${usd(r.chain?.valueLiquidatedUsd)} | ${usd(r.chain?.badDebtUsd)} | ${f ? usd(f.chain?.pnlUsd ?? f.pnlUsd) : "—"} | ${r.dao?.pushedIntoLiquidation ?? 0} | ${v.ssf ? (v.ssf.shock === null ? "none" : `−${(v.ssf.shock * 100).toFixed(1)}%`) : "—"} | ${r.exactActions}/${r.executedActions}${r.error ? `  (${r.error.phase}: ${r.error.message.split("\n")[0]})` : ""}`;
    }),
    "",
    `Report: ${written.markdown}`,
    `JSON:   ${written.json}`,
  ];
  terminal.summary(lines, { command: "run --policy", report: written });
  const exact = comparison.sweep.rows.every((r) => !r.error && r.exactActions === r.executedActions);
  return exact ? 0 : 1;
}
