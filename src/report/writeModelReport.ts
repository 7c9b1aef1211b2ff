import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { ModelReport } from "../model/runModel.js";
import { chartSpecs } from "./html/chartSpecs.js";
import { modelHeadline } from "./html/modelHeadline.js";
import { renderHtmlReport } from "./html/renderHtmlReport.js";
import { renderLineChart } from "./renderLineChart.js";
import { renderModelMarkdown } from "./renderModelMarkdown.js";
import { writeTextFile } from "./writeTextFile.js";

const PALETTE = ["#d62728", "#1f77b4", "#9467bd", "#2ca02c", "#8c564b"];

/** Writes report.json, report.md, report.html and the SVG charts into `dir`; returns the paths written. */
export async function writeModelReport(
  report: ModelReport,
  dir: string,
): Promise<{ json: string; markdown: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const r = report.rounds;
  const charts = { price: "price.svg", flows: "flows.svg", losses: "losses.svg" };
  await writeTextFile(
    join(dir, charts.price),
    renderLineChart({
      title: "Market price vs oracle price",
      xLabel: "block",
      yLabel: "USD",
      series: [
        { name: "market (pool)", color: "#1f77b4", points: r.map((x) => [x.block, x.marketPrice]) },
        { name: "oracle", color: "#d62728", points: r.map((x) => [x.block, x.oraclePrice]) },
      ],
    }),
  );
  await writeTextFile(
    join(dir, charts.flows),
    renderLineChart({
      title: "Underlying sold into pools per block",
      xLabel: "block",
      yLabel: "underlying",
      series: [
        {
          name: "shock (exogenous)",
          color: "#7f7f7f",
          points: r.map((x) => [x.block, x.shockFlowUnderlying]),
        },
        { name: "dealer hedging", color: "#ff7f0e", points: r.map((x) => [x.block, x.hedgeFlowUnderlying]) },
        {
          name: "liquidations",
          color: "#2ca02c",
          points: r.map((x) => [x.block, x.collateralSoldUnderlying]),
        },
        { name: "perps", color: "#9467bd", points: r.map((x) => [x.block, x.perpFlowUnderlying]) },
      ],
    }),
  );
  await writeTextFile(
    join(dir, charts.losses),
    renderLineChart({
      title: "Realised losses per protocol (solid) against its insurance fund (dashed)",
      xLabel: "block",
      yLabel: "USD",
      series: Object.keys(report.totals.badDebtByProtocol).flatMap((id, i) => {
        const color = PALETTE[i % PALETTE.length]!;
        const fund = report.totals.badDebtByProtocol[id]!.insuranceFundUsd;
        return [
          {
            name: `${id} loss`,
            color,
            points: r.map((x) => [x.block, x.realizedLossUsd[id] ?? 0] as [number, number]),
          },
          {
            name: `${id} fund`,
            color,
            dashed: true,
            points: r.map((x) => [x.block, fund] as [number, number]),
          },
        ];
      }),
    }),
  );
  const json = join(dir, "report.json");
  const markdown = join(dir, "report.md");
  await writeTextFile(
    json,
    `${JSON.stringify(report, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
  );
  await writeTextFile(markdown, renderModelMarkdown(report, charts));
  const html = join(dir, "report.html");
  await writeTextFile(
    html,
    renderHtmlReport({
      title: `DLCM model: ${report.scenario.name}`,
      subtitle: `${report.scenario.description} — a −${(report.scenario.shockDepth * 100).toFixed(0)}% shock, seed ${report.scenario.seed}, ${report.blocks} blocks (${report.stopReason}).`,
      headline: modelHeadline(report),
      charts: chartSpecs(report),
    }),
  );
  return { json, markdown, html };
}
