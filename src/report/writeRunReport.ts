import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunReport } from "../harness/runScenarioOnChain.js";
import { renderLineChart } from "./renderLineChart.js";
import { renderRunMarkdown } from "./renderRunMarkdown.js";
import { writeModelReport } from "./writeModelReport.js";

/**
 * Writes `dlcm run`'s outputs into `dir`: report.json (scenario, chain, model, comparison, timings,
 * error), report.md, the chain-vs-model price chart and the model's charts. Works on a partial report.
 *
 * @param report - the run report (possibly stopped early).
 * @param dir - output directory.
 * @returns the paths written.
 */
export async function writeRunReport(
  report: RunReport,
  dir: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const modelCharts = { price: "price.svg", flows: "flows.svg", losses: "losses.svg" };
  if (report.model) {
    // The model's own files, in a subfolder, and its charts beside the run report.
    await writeModelReport(report.model, join(dir, "model"));
    for (const name of Object.values(modelCharts))
      modelCharts[name.replace(".svg", "") as keyof typeof modelCharts] = `model/${name}`;
  }
  const chainPrice = "chain-price.svg";
  const rounds = report.chain?.rounds ?? [];
  await writeFile(
    join(dir, chainPrice),
    renderLineChart({
      title: "Reference pool price after each block: chain vs model",
      xLabel: "block",
      yLabel: "USD",
      series: [
        { name: "chain", color: "#1f77b4", points: rounds.map((r) => [r.block, r.marketPrice]) },
        { name: "model", color: "#ff7f0e", points: rounds.map((r) => [r.block, r.modelMarketPrice]) },
        { name: "oracle (chain)", color: "#d62728", points: rounds.map((r) => [r.block, r.oraclePrice]) },
      ],
    }),
  );
  const json = join(dir, "report.json");
  const markdown = join(dir, "report.md");
  await writeFile(
    json,
    `${JSON.stringify(report, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
  );
  await writeFile(markdown, renderRunMarkdown(report, { chainPrice, model: modelCharts }));
  return { json, markdown };
}
