import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { ModelReport } from "../model/runModel.js";
import { chartSpecs } from "./html/chartSpecs.js";
import { modelHeadline } from "./html/modelHeadline.js";
import { renderHtmlReport } from "./html/renderHtmlReport.js";
import { renderBridgesHtml } from "./renderBridges.js";
import { renderContagionGraph } from "./renderContagionGraph.js";
import { renderModelMarkdown } from "./renderModelMarkdown.js";
import { renderRaceHtml } from "./renderRaceMarkdown.js";
import { renderSafetyModulesHtml } from "./renderSafetyModules.js";
import { renderVegaSvg } from "./renderVegaSvg.js";
import { writeTextFile } from "./writeTextFile.js";

/** Writes report.json, report.md, report.html and the SVG charts into `dir`; returns the paths written. */
export async function writeModelReport(
  report: ModelReport,
  dir: string,
): Promise<{ json: string; markdown: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const charts = { price: "price.svg", flows: "flows.svg", losses: "losses.svg" };
  // The Markdown report's charts are the HTML report's, drawn to SVG by the same library.
  const specs = chartSpecs(report);
  for (const [id, file] of Object.entries(charts)) {
    const chart = specs.find((c) => c.id === id)!;
    await writeTextFile(join(dir, file), await renderVegaSvg(chart.spec, chart.title));
  }
  const json = join(dir, "report.json");
  const markdown = join(dir, "report.md");
  await writeTextFile(
    json,
    `${JSON.stringify(report, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
  );
  // The contagion graph: which token each protocol's losses came through.
  const funds = Object.fromEntries(
    Object.entries(report.totals.badDebtByProtocol).map(([id, l]) => [id, l.insuranceFundUsd]),
  );
  const contagion = report.contagion ? renderContagionGraph(report.contagion, funds) : undefined;
  if (contagion) await writeTextFile(join(dir, "contagion.svg"), contagion);
  await writeTextFile(
    markdown,
    renderModelMarkdown(report, { ...charts, ...(contagion ? { contagion: "contagion.svg" } : {}) }),
  );
  const html = join(dir, "report.html");
  await writeTextFile(
    html,
    renderHtmlReport({
      title: `DLCM model: ${report.scenario.name}`,
      subtitle: `${report.scenario.description} — a −${(report.scenario.shockDepth * 100).toFixed(0)}% shock, seed ${report.scenario.seed}, ${report.blocks} blocks (${report.stopReason}).`,
      headline: modelHeadline(report),
      charts: specs,
      sections: [
        ...(report.bridges ? [{ title: "Bridges", html: renderBridgesHtml(report) }] : []),
        ...(report.safetyModules
          ? [{ title: "Safety modules (token backstops)", html: renderSafetyModulesHtml(report) }]
          : []),
        ...(report.race ? [{ title: "Liquidation race", html: renderRaceHtml(report) }] : []),
        ...(contagion ? [{ title: "Contagion", html: contagion }] : []),
      ],
    }),
  );
  return { json, markdown, html };
}
