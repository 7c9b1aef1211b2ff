import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { SweepReport } from "../harness/runSweep.js";
import { lineSpec, renderVegaSvg } from "./renderVegaSvg.js";
import { writeTextFile } from "./writeTextFile.js";

const usd = (v: number | undefined) => (v === undefined ? "—" : `$${Math.round(v).toLocaleString("en-US")}`);

/**
 * Writes `dlcm sweep`'s outputs into `dir`: sweep.json (every row, chain and model), sweep.csv, sweep.md
 * (the table and how to read it) and two charts of the chain's totals against the first parameter, one
 * line per value of the second (for a grid). Works on a partial report.
 *
 * @param report - the sweep report.
 * @param dir - output directory.
 * @returns the paths written.
 */
export async function writeSweepReport(
  report: SweepReport,
  dir: string,
): Promise<{ json: string; markdown: string; csv: string }> {
  await mkdir(dir, { recursive: true });
  const [p1, p2] = report.params;
  const xOf = (v: number | string | boolean, i: number) => (typeof v === "number" ? v : i);
  const groups = p2 ? p2.values : [undefined];
  const chart = (
    title: string,
    yLabel: string,
    pick: (r: SweepReport["rows"][number]) => number | undefined,
  ) =>
    renderVegaSvg(
      lineSpec({
        xTitle: p1!.path,
        yTitle: yLabel,
        yFormat: "$,.0f",
        zero: true,
        series: groups.map((g) => ({
          name: g === undefined ? "chain" : `${p2!.path}=${g}`,
          points: report.rows
            .filter((r) => g === undefined || r.values[p2!.path] === g)
            .flatMap((r) => {
              const y = pick(r);
              const x = r.values[p1!.path]!;
              return y === undefined ? [] : [[xOf(x, p1!.values.indexOf(x)), y] as const];
            }),
        })),
      }),
      title,
    );
  await writeTextFile(
    join(dir, "bad-debt.svg"),
    await chart("Bad debt on chain", "USD", (r) => r.chain?.badDebtUsd),
  );
  await writeTextFile(
    join(dir, "liquidated.svg"),
    await chart("Value liquidated on chain", "USD", (r) => r.chain?.valueLiquidatedUsd),
  );

  const paramCols = report.params.map((p) => p.path);
  const header = [
    ...paramCols,
    "chain_value_liquidated_usd",
    "chain_liquidations",
    "chain_bad_debt_usd",
    "exceeds_insurance_fund",
    "chain_final_price",
    "chain_min_price",
    "model_bad_debt_usd",
    "model_value_liquidated_usd",
    "exact_txs",
    "executed_txs",
    "ms",
    "error",
  ];
  const csvRows = report.rows.map((r) =>
    [
      ...paramCols.map((p) => String(r.values[p])),
      r.chain?.valueLiquidatedUsd.toFixed(2) ?? "",
      r.chain?.liquidations ?? "",
      r.chain?.badDebtUsd.toFixed(2) ?? "",
      r.chain?.exceedsInsuranceFund.join(" ") ?? "",
      r.chain?.finalPrice.toFixed(4) ?? "",
      r.chain?.minPrice.toFixed(4) ?? "",
      r.model?.badDebtUsd.toFixed(2) ?? "",
      r.model?.valueLiquidatedUsd.toFixed(2) ?? "",
      r.exactActions,
      r.executedActions,
      Math.round(r.ms),
      JSON.stringify(r.error?.message ?? ""),
    ].join(","),
  );
  const csv = join(dir, "sweep.csv");
  await writeTextFile(csv, `${[header.join(","), ...csvRows].join("\n")}\n`);

  const md = [
    `# Sweep: ${report.scenario.name}`,
    "",
    report.fork
      ? `${report.rows.length} variants of ${report.params.map((p) => `\`${p.path}\``).join(" × ")} on ${report.backend}, forking block ${report.fork.blockNumber} (addresses: ${report.fork.addressSource}): every variant starts from the same prepared fork (evm_snapshot / evm_revert), so their results are independent.`
      : `${report.rows.length} variants of ${report.params.map((p) => `\`${p.path}\``).join(" × ")} on ${report.backend}, ${report.deployments} deployment${report.deployments === 1 ? "" : "s"}: every variant starts from the same freshly seeded state (evm_snapshot / evm_revert), so their results are independent.`,
    "",
    ...(report.error ? [`**Stopped early** during ${report.error.phase}: ${report.error.message}`, ""] : []),
    `| ${paramCols.join(" | ")} | liquidated (chain) | liquidations | bad debt (chain) | over fund | final price | bad debt (model) | exact txs | ms |`,
    `|${"---|".repeat(paramCols.length + 8)}`,
    ...report.rows.map(
      (r) =>
        `| ${paramCols.map((p) => String(r.values[p])).join(" | ")} | ${usd(r.chain?.valueLiquidatedUsd)} | ${r.chain?.liquidations ?? "—"} | ${usd(r.chain?.badDebtUsd)} | ${r.chain?.exceedsInsuranceFund.join(", ") || "—"} | ${r.chain?.finalPrice.toFixed(2) ?? "—"} | ${usd(r.model?.badDebtUsd)} | ${r.exactActions}/${r.executedActions} | ${Math.round(r.ms)} |${r.error ? ` ${r.error.phase}: ${r.error.message}` : ""}`,
    ),
    "",
    "Bad debt (chain) is measured from the chain's balances after the cascade (model-only markets, such as the perp venue, or Compound V3 where Comet's source could not be fetched, add the model's figure); \"exact txs\" counts the cascade's transactions whose on-chain results equal the model's prediction to the wei.",
    "",
    "![bad debt](bad-debt.svg)",
    "",
    "![value liquidated](liquidated.svg)",
    "",
    `Timings (ms): chain start ${Math.round(report.timings.chainStartMs)}, deploy ${Math.round(report.timings.deployMs)}, variants ${Math.round(report.timings.variantsMs)}, total ${Math.round(report.timings.totalMs)}`,
    "",
  ].join("\n");
  const markdown = join(dir, "sweep.md");
  await writeTextFile(markdown, md);
  const json = join(dir, "sweep.json");
  await writeTextFile(json, `${JSON.stringify(report, null, 2)}\n`);
  return { json, markdown, csv };
}
