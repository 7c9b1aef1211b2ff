import { parseArgs } from "node:util";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import type { ChainBackend } from "../chain/types.js";
import { runScenarioOnChain } from "../harness/runScenarioOnChain.js";
import { writeRunReport } from "../report/writeRunReport.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { printRunSummary } from "./printRunSummary.js";
import { readBackend } from "./readBackend.js";
import { readForkOptions } from "./readForkOptions.js";
import { readScan } from "./readScan.js";
import { terminal } from "./terminal.js";

/**
 * `dlcm run <scenario> [--chain anvil|edr] [--out DIR] [--ssf] [--ssf-precision X]
 * [--fork-url URL | --fork] [--fork-block N] [--addresses FILE] [--borrowers FILE] [--cache DIR]`:
 * the cascade on real contracts, on the replica or on a fork.
 */
export async function commandRun(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      chain: { type: "string" },
      ssf: { type: "boolean" },
      "ssf-precision": { type: "string" },
      scan: { type: "string" },
      fork: { type: "boolean" },
      "fork-url": { type: "string" },
      "fork-block": { type: "string" },
      addresses: { type: "string" },
      borrowers: { type: "string" },
      cache: { type: "string" },
    },
  });
  const path = positionals[0];
  if (!path) {
    process.stderr.write("dlcm run: which scenario? e.g. dlcm run scenarios/eth-crash-40pct-15m.json\n");
    return 2;
  }
  const backend: ChainBackend | undefined = readBackend("run", values.chain);
  if (!backend) return 2;
  const precision = values["ssf-precision"] === undefined ? undefined : Number(values["ssf-precision"]);
  if (precision !== undefined && !(precision > 0 && precision < 0.5)) {
    process.stderr.write(
      `dlcm run: --ssf-precision is a fraction of the shock, e.g. 0.005; got "${values["ssf-precision"]}".\n`,
    );
    return 2;
  }
  const scan = readScan("run", values.scan);
  if (!scan) return 2;
  const scenario = await loadScenario(path);
  const fork = await readForkOptions(values, scenario);
  if (fork && "error" in fork) {
    process.stderr.write(`dlcm run: ${fork.error}\n`);
    return 2;
  }
  const out = values.out ?? `out/${scenario.name}${fork ? "-fork" : ""}`;
  terminal.done(
    fork
      ? `dlcm: ${scenario.name} — on ${backend}, ${fork.label}, the protocols' own contracts and state, model beside it`
      : `dlcm: ${scenario.name} — on ${backend} with real Aave V3 and Uniswap V3, model beside it (seed ${scenario.seed})`,
  );
  await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
  const report = await runScenarioOnChain(scenario, {
    backend,
    ...(fork ? { fork: fork.fork } : {}),
    ssf: values.ssf ?? false,
    scan,
    ...(precision !== undefined ? { ssfPrecision: precision } : {}),
    now: () => performance.now(),
    onProgress: (message, done, total) =>
      terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
  });
  terminal.done(`  done in ${Math.round(Object.values(report.timings).reduce((a, b) => a + b, 0))} ms`);
  return printRunSummary(report, await writeRunReport(report, out));
}
