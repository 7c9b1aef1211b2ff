import { basename } from "node:path";
import { parseArgs } from "node:util";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import { runScenarioOnChain } from "../harness/runScenarioOnChain.js";
import { replayScenario } from "../model/replay/replayScenario.js";
import { writeRunReport } from "../report/writeRunReport.js";
import { loadPricePath } from "../scenario/loadPricePath.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { printRunSummary } from "./printRunSummary.js";
import { readBackend } from "./readBackend.js";
import { readScan } from "./readScan.js";
import { terminal } from "./terminal.js";

/** `dlcm replay <path-file> --scenario <s> [--asset SYM] [--chain anvil|edr] [--scan every-block|final] [--out DIR]`: a recorded path through the oracle. */
export async function commandReplay(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      scenario: { type: "string" },
      asset: { type: "string" },
      out: { type: "string" },
      chain: { type: "string" },
      scan: { type: "string" },
    },
  });
  const file = positionals[0];
  if (!file || !values.scenario) {
    process.stderr.write(
      "dlcm replay: e.g. dlcm replay scenarios/replays/2020-03-12-black-thursday.csv --scenario scenarios/eth-crash-40pct-15m.json\n",
    );
    return 2;
  }
  const backend = readBackend("replay", values.chain);
  if (!backend) return 2;
  const scan = readScan("replay", values.scan);
  if (!scan) return 2;
  const base = await loadScenario(values.scenario);
  const path = await loadPricePath(file);
  const replay = replayScenario(base, path, values.asset ?? base.underlying);
  const out = values.out ?? `out/replay-${basename(file).replace(/\.[^.]+$/, "")}`;
  terminal.done(
    `dlcm: replay of ${path.name} on ${base.name} — on ${backend} with real contracts, model beside it`,
  );
  for (const note of replay.notes) terminal.done(`  ${note}`);
  await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
  const report = await runScenarioOnChain(replay.scenario, {
    backend,
    scan,
    now: () => performance.now(),
    onProgress: (message, done, total) =>
      terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
  });
  report.replay = { file, asset: replay.asset, sources: path.sources, notes: replay.notes };
  terminal.done(`  done in ${Math.round(Object.values(report.timings).reduce((a, b) => a + b, 0))} ms`);
  return printRunSummary(report, await writeRunReport(report, out));
}
