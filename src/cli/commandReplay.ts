import { basename } from "node:path";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import type { ChainBackend } from "../chain/types.js";
import { runScenarioOnChain } from "../harness/runScenarioOnChain.js";
import { replayScenario } from "../model/replay/replayScenario.js";
import { writeRunReport } from "../report/writeRunReport.js";
import { loadPricePath } from "../scenario/loadPricePath.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { printRunSummary } from "./printRunSummary.js";
import { terminal } from "./terminal.js";
import { warnIfLong } from "./warnIfLong.js";

/** `dlcm replay <path-file> --scenario <s> [--asset SYM] [--chain anvil|edr] [--scan every-block|final] [--out DIR]`: a recorded path through the oracle. */
export async function commandReplay(
  file: string,
  values: {
    scenario: string;
    asset?: string;
    out?: string;
    chain: ChainBackend;
    scan: "every-block" | "final";
  },
): Promise<number> {
  const { chain: backend, scan } = values;
  const base = await loadScenario(values.scenario);
  const path = await loadPricePath(file);
  const replay = replayScenario(base, path, values.asset ?? base.underlying);
  const out = values.out ?? `out/replay-${basename(file).replace(/\.[^.]+$/, "")}`;
  terminal.done(
    `dlcm: replay of ${path.name} on ${base.name} — on ${backend} with real contracts, model beside it`,
  );
  for (const note of replay.notes) terminal.done(`  ${note}`);
  warnIfLong(replay.scenario, { backend, scan });
  await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
  const report = await runScenarioOnChain(replay.scenario, {
    backend,
    scan,
    now: () => performance.now(),
    onProgress: (message, done, total) =>
      terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
  });
  report.replay = { file, asset: replay.asset, sources: path.sources, notes: replay.notes };
  const ms = Math.round(Object.values(report.timings).reduce((a, b) => a + b, 0));
  terminal.done(
    report.error ? `  stopped after ${ms} ms, during ${report.error.phase}` : `  done in ${ms} ms`,
  );
  return printRunSummary(report, await writeRunReport(report, out));
}
