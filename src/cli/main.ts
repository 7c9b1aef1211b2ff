import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import { BaseError } from "../errors/BaseError.js";
import { runScenarioOnChain } from "../harness/runScenarioOnChain.js";
import { runModel } from "../model/runModel.js";
import { scenarioSchema } from "../model/scenario/schema.js";
import { writeModelReport } from "../report/writeModelReport.js";
import { writeRunReport } from "../report/writeRunReport.js";
import { loadScenario } from "../scenario/loadScenario.js";

const HELP = `dlcm — Delta-Leverage Cascade Model

Usage:
  dlcm model <scenario.json|yaml> [--out DIR] [--no-ssf]   run the analytical cascade, write DIR/report.json + report.md
  dlcm run <scenario.json|yaml> [--chain anvil|edr] [--out DIR] [--ssf]
                                                          run the cascade on real contracts on a local chain, with
                                                          the model beside it; write DIR/report.json + report.md
  dlcm schema [--out FILE]                                write the scenario JSON Schema (default scenarios/schema.json)
  dlcm help

Fork mode (--fork-url), replays and sweeps are being built: see the open issues.
`;

const isTty = process.stderr.isTTY;
function progress(text: string): void {
  if (isTty) process.stderr.write(`\r\x1b[2K${text}`);
}
function progressDone(text: string): void {
  if (isTty) process.stderr.write("\r\x1b[2K");
  process.stderr.write(`${text}\n`);
}

async function commandModel(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, "no-ssf": { type: "boolean" } },
  });
  const path = positionals[0];
  if (!path) {
    process.stderr.write(`dlcm model: which scenario? e.g. dlcm model scenarios/eth-crash-40pct-15m.json\n`);
    return 2;
  }
  const scenario = await loadScenario(path);
  const out = values.out ?? `out/${scenario.name}`;
  progressDone(`dlcm: ${scenario.name} — model run (seed ${scenario.seed})`);
  let probes = 0;
  const report = runModel(scenario, {
    now: () => performance.now(),
    skipSsf: values["no-ssf"] ?? false,
    onRound: (r) =>
      progress(
        `  cascade block ${r.block}: price ${r.marketPrice.toFixed(2)}, oracle ${r.oraclePrice.toFixed(2)}, liquidations ${r.liquidations}`,
      ),
    onSsfProbe: (d) => progress(`  SSF search: probe ${++probes} at −${(d * 100).toFixed(2)}%`),
  });
  progressDone(
    `  cascade: ${report.blocks} blocks (${report.stopReason}) in ${report.timings.cascadeMs.toFixed(0)} ms; SSF search ${report.timings.ssfMs.toFixed(0)} ms`,
  );
  const written = await writeModelReport(report, out);
  const t = report.totals;
  const th = report.thresholds;
  const lines = [
    "",
    `Price ${t.startPrice.toFixed(2)} → ${t.finalPrice.toFixed(2)} (low ${t.minPrice.toFixed(2)})`,
    `Liquidated $${Math.round(t.valueLiquidatedUsd).toLocaleString("en-US")} in ${t.liquidations} liquidations; bad debt $${Math.round(t.badDebtUsd).toLocaleString("en-US")}`,
    ...Object.entries(t.badDebtByProtocol).map(
      ([id, l]) =>
        `  ${id}: loss $${Math.round(l.totalUsd).toLocaleString("en-US")} vs fund $${Math.round(l.insuranceFundUsd).toLocaleString("en-US")}${l.exceedsInsuranceFund ? "  << exceeds" : ""}`,
    ),
    `Gamma neutrality ${th.gammaNeutralityPrice?.toFixed(2) ?? "none"}; hedge crossover ${th.hedgeCrossoverPrice?.toFixed(2) ?? "none"}; SSF shock ${th.ssfShock === null ? (th.ssf ? "none up to 99%" : "not searched") : `−${(th.ssfShock * 100).toFixed(1)}%`}`,
    "",
    `Report: ${written.markdown}`,
    `JSON:   ${written.json}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

async function commandRun(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, chain: { type: "string" }, ssf: { type: "boolean" } },
  });
  const path = positionals[0];
  if (!path) {
    process.stderr.write(`dlcm run: which scenario? e.g. dlcm run scenarios/eth-crash-40pct-15m.json\n`);
    return 2;
  }
  const backend = values.chain ?? "anvil";
  if (backend !== "anvil" && backend !== "edr") {
    process.stderr.write(`dlcm run: --chain must be "anvil" or "edr", not "${backend}".\n`);
    return 2;
  }
  const scenario = await loadScenario(path);
  const out = values.out ?? `out/${scenario.name}`;
  progressDone(
    `dlcm: ${scenario.name} — on ${backend} with real Aave V3 and Uniswap V3, model beside it (seed ${scenario.seed})`,
  );
  await ensureContractsBuilt(() => progressDone("  compiling contracts (first run)…"));
  const report = await runScenarioOnChain(scenario, {
    backend,
    ssf: values.ssf ?? false,
    now: () => performance.now(),
    onProgress: (message, done, total) =>
      progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
  });
  progressDone(`  done in ${Math.round(Object.values(report.timings).reduce((a, b) => a + b, 0))} ms`);
  const written = await writeRunReport(report, out);
  const lines: string[] = [""];
  if (report.error)
    lines.push(
      `Stopped early during ${report.error.phase}: ${report.error.message}`,
      "What was measured before is in the report.",
      "",
    );
  const c = report.chain;
  const cmp = report.comparison;
  if (c && cmp) {
    lines.push(
      `Chain: price ${c.totals.startPrice.toFixed(2)} → ${c.totals.finalPrice.toFixed(2)}; ${c.totals.liquidations} Aave liquidations, $${Math.round(c.totals.valueLiquidatedUsd).toLocaleString("en-US")} liquidated; ${c.totals.liquidatableLeft} positions left liquidatable`,
      `Model vs chain: ${cmp.actions.exact}/${cmp.actions.executed} transactions exact to the wei; max price gap ${cmp.maxPriceDiffBps.toFixed(4)} bps`,
      ...Object.entries(c.totals.badDebtByProtocol).map(
        ([id, l]) =>
          `  ${id}: bad debt $${Math.round(l.totalUsd).toLocaleString("en-US")} vs fund $${Math.round(l.insuranceFundUsd).toLocaleString("en-US")}${l.exceedsInsuranceFund ? "  << exceeds" : ""} (${l.source})`,
      ),
    );
  }
  lines.push("", `Report: ${written.markdown}`, `JSON:   ${written.json}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return report.error ? 1 : 0;
}

async function commandSchema(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: "string" } } });
  const out = values.out ?? "scenarios/schema.json";
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
  await writeFile(out, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "model":
      return commandModel(rest);
    case "run":
      return commandRun(rest);
    case "schema":
      return commandSchema(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`dlcm: unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof BaseError) {
    process.stderr.write(`\n${error.name}: ${error.message}\n`);
    process.exitCode = 1;
  } else throw error;
}
