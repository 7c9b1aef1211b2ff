import { runModel } from "../model/runModel.js";
import { describeStop } from "../report/describeStop.js";
import { writeModelReport } from "../report/writeModelReport.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { terminal } from "./terminal.js";

/** `dlcm model <scenario> [--out DIR] [--no-ssf] [--ssf-precision X] [--ssf-grid X]`: the analytical cascade alone. */
export async function commandModel(
  path: string,
  values: { out?: string; ssf: boolean; ssfPrecision?: number; ssfGrid?: number; policy?: string },
): Promise<number> {
  const loaded = await loadScenario(path, values.policy !== undefined ? { policy: values.policy } : {});
  const scenario = {
    ...loaded,
    thresholds: {
      ...loaded.thresholds,
      ...(values.ssfPrecision !== undefined ? { ssfPrecision: values.ssfPrecision } : {}),
      ...(values.ssfGrid !== undefined ? { ssfGridStep: values.ssfGrid } : {}),
    },
  };
  const out = values.out ?? `out/${scenario.name}`;
  terminal.done(`dlcm: ${scenario.name} — model run (seed ${scenario.seed})`);
  let probes = 0;
  const report = runModel(scenario, {
    now: () => performance.now(),
    skipSsf: !values.ssf,
    onRound: (r) =>
      terminal.progress(
        `  cascade block ${r.block}: price ${r.marketPrice.toFixed(2)}, oracle ${r.oraclePrice.toFixed(2)}, liquidations ${r.liquidations}`,
      ),
    onSsfProbe: (d) => terminal.progress(`  SSF search: probe ${++probes} at −${(d * 100).toFixed(2)}%`),
  });
  terminal.done(
    `  cascade: ${report.blocks} blocks (${report.stopReason}) in ${report.timings.cascadeMs.toFixed(0)} ms; SSF search ${report.timings.ssfMs.toFixed(0)} ms`,
  );
  const written = await writeModelReport(report, out);
  const t = report.totals;
  const th = report.thresholds;
  const stop = describeStop(report);
  const lines = [
    "",
    ...(stop ? [stop, ""] : []),
    `Price ${t.startPrice.toFixed(2)} → ${t.finalPrice.toFixed(2)} (low ${t.minPrice.toFixed(2)})`,
    `Liquidated $${Math.round(t.valueLiquidatedUsd).toLocaleString("en-US")} in ${t.liquidations} liquidation${t.liquidations === 1 ? "" : "s"}; bad debt $${Math.round(t.badDebtUsd).toLocaleString("en-US")}`,
    ...Object.entries(t.badDebtByProtocol).map(
      ([id, l]) =>
        `  ${id}: loss $${Math.round(l.totalUsd).toLocaleString("en-US")} vs fund $${Math.round(l.insuranceFundUsd).toLocaleString("en-US")}${l.exceedsInsuranceFund ? "  << exceeds" : ""}`,
    ),
    `Gamma neutrality ${th.gammaNeutralityPrice?.toFixed(2) ?? "none"}; hedge crossover ${th.hedgeCrossoverPrice?.toFixed(2) ?? "none"}; SSF shock ${th.ssfShock === null ? (th.ssf ? "none up to 99%" : "not searched") : `−${(th.ssfShock * 100).toFixed(1)}%`}${th.ssf && !th.ssf.monotone ? ` (not monotone: ${th.ssf.intervals.length} failure intervals, see the report)` : ""}`,
    "",
    `Report: ${written.markdown}`,
    `HTML:   ${written.html}`,
    `JSON:   ${written.json}`,
  ];
  terminal.summary(lines, {
    command: "model",
    report: written,
    totals: report.totals,
    thresholds: { ...report.thresholds, ssf: undefined },
  });
  return 0;
}
