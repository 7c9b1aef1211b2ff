import type { RunReport } from "../harness/runScenarioOnChain.js";
import { describeStop } from "../report/describeStop.js";
import { terminal } from "./terminal.js";

const usd = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;
const pct = (x: number | null) => (x === null ? "none up to −99%" : `−${(x * 100).toFixed(2)}%`);

/**
 * The closing summary `dlcm run` and `dlcm replay` print on stdout.
 * @param report - the run report.
 * @param written - paths of report.md, report.html and report.json.
 * @returns the exit code: 1 if the run stopped early, else 0.
 */
export function printRunSummary(
  report: RunReport,
  written: { markdown: string; html: string; json: string },
): number {
  const lines: string[] = [""];
  const stop = report.model ? describeStop(report.model) : undefined;
  if (stop) lines.push(stop, "");
  if (report.error)
    lines.push(
      `Stopped early during ${report.error.phase}: ${bounded(report.error.message)}`,
      "What was measured before is in the report.",
      "",
    );
  const f = report.fork;
  if (f)
    lines.push(
      `Fork at block ${f.blockNumber}: ${Object.entries(f.borrowers)
        .map(
          ([id, b]) =>
            `${id} ${b.run} borrowers run of ${b.candidates} found (${b.outOfScope.count} out of scope)`,
        )
        .join("; ")}; ${f.edits.length} state edits, listed in the report`,
    );
  const c = report.chain;
  const cmp = report.comparison;
  if (c && cmp) {
    lines.push(
      `Chain: price ${c.totals.startPrice.toFixed(2)} → ${c.totals.finalPrice.toFixed(2)}; ${c.totals.liquidations} liquidation${c.totals.liquidations === 1 ? "" : "s"}, ${usd(c.totals.valueLiquidatedUsd)} liquidated; ${c.totals.liquidatableLeft} position${c.totals.liquidatableLeft === 1 ? "" : "s"} left liquidatable`,
      `Model vs chain: ${cmp.actions.exact}/${cmp.actions.executed} transactions exact to the wei; max price gap ${cmp.maxPriceDiffBps.toFixed(4)} bps`,
      ...(c.scanCheck.mode === "every-block"
        ? [
            `Chain-side scan: in ${c.scanCheck.agreed}/${c.scanCheck.blocks} market-blocks the protocols' own checks (Aave's health factor, Comet's isLiquidatable, Morpho's health check on its stored state) flag exactly the model's liquidatable positions; insurance left, chain vs model: max gap ${usd(c.scanCheck.maxInsuranceGapUsd)}`,
          ]
        : []),
      ...Object.entries(c.totals.badDebtByProtocol).map(
        ([id, l]) =>
          `  ${id}: bad debt ${usd(l.totalUsd)} vs fund ${usd(l.insuranceFundUsd)}${l.exceedsInsuranceFund ? "  << exceeds" : ""} (${l.source})`,
      ),
    );
  }
  const ssf = report.chainSsf;
  if (ssf) {
    const model = report.model?.thresholds.ssf;
    lines.push(
      `SSF threshold: chain ${pct(ssf.shock)} (${ssf.probes.length} probes, ±${(ssf.precision * 100).toFixed(2)} pp); model ${model ? pct(model.shock) : "not searched"}; disagreements ${ssf.disagreements.length}`,
    );
  }
  lines.push("", `Report: ${written.markdown}`, `HTML:   ${written.html}`, `JSON:   ${written.json}`);
  terminal.summary(lines, {
    command: report.replay ? "replay" : "run",
    report: written,
    ...(report.error ? { error: report.error } : {}),
    chain: report.chain ? { totals: report.chain.totals, actions: report.chain.actions } : undefined,
  });
  return report.error ? 1 : 0;
}

/**
 * An error message bounded for a terminal: at most 20 lines of at most 300 characters each (a revert can
 * carry kilobytes of call data; the whole text is in report.json).
 */
function bounded(message: string): string {
  const lines = message.split("\n");
  const cut = lines
    .slice(0, 20)
    .map((l) => (l.length > 300 ? `${l.slice(0, 300)}… (cut: the whole line is in report.json)` : l));
  return lines.length > 20
    ? [...cut, `… ${lines.length - 20} more lines in report.json`].join("\n")
    : cut.join("\n");
}
