import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ChartSpec } from "./chartSpecs.js";

const require = createRequire(import.meta.url);
/** The charting library's browser builds, inlined so the page needs no network. */
const LIBRARIES: [pkg: string, file: string][] = [
  ["vega", "build/vega.min.js"],
  ["vega-lite", "build/vega-lite.min.js"],
  ["vega-embed", "build/vega-embed.min.js"],
];

/** A package's directory (its `exports` hide the browser builds from require.resolve). */
function packageDir(pkg: string): string {
  let dir = dirname(require.resolve(pkg));
  const named = (d: string) =>
    existsSync(join(d, "package.json")) &&
    JSON.parse(readFileSync(join(d, "package.json"), "utf8")).name === pkg;
  while (!named(dir)) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`Cannot find the ${pkg} package's directory.`);
    dir = up;
  }
  return dir;
}

let inlined: string | undefined;
function libraries(): string {
  inlined ??= LIBRARIES.map(([pkg, file]) => {
    // A closing script tag inside a library would end the element early: escape it.
    const code = readFileSync(join(packageDir(pkg), file), "utf8").replace(/<\/script/gi, "<\\/script");
    return `<script>${code}</script>`;
  }).join("\n");
  return inlined;
}

/** Text as HTML: &, < and > escaped. */
export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const esc = escapeHtml;

/** One headline row: a label and its value (already formatted), optionally marked as bad. */
export type HeadlineRow = { label: string; value: string; alert?: boolean };

/**
 * A self-contained HTML report: the headline table, then each chart drawn in the browser by Vega-Lite
 * (vega-embed, SVG renderer) from its inline specification, with its caption; the libraries are inlined,
 * so the file opens offline. When every chart has drawn, `window.dlcmCharts` holds each chart's id and
 * how many marks it drew and its SVG's text (`{ done: true, charts: [{ id, marks, text }] }`); a chart that fails logs an error.
 *
 * @param parameters - the title, the subtitle line, the headline rows, the charts, extra HTML sections.
 * @returns the page.
 */
export function renderHtmlReport(parameters: {
  title: string;
  subtitle: string;
  headline: HeadlineRow[];
  charts: ChartSpec[];
  sections?: { title: string; html: string }[];
}): string {
  const { charts } = parameters;
  const specs = JSON.stringify(
    charts.map((c) => ({
      id: c.id,
      spec: { $schema: "https://vega.github.io/schema/vega-lite/v6.json", ...c.spec },
    })),
  ).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(parameters.title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 980px; color: #222; }
  h1 { font-size: 22px; margin-bottom: 4px; }
  .subtitle { color: #555; margin-top: 0; }
  table.headline { border-collapse: collapse; margin: 16px 0 24px; }
  table.headline td { padding: 4px 14px 4px 0; border-bottom: 1px solid #eee; }
  table.headline td.value { font-variant-numeric: tabular-nums; font-weight: 600; }
  td.alert { color: #c62828; }
  section.chart { margin: 28px 0; }
  section.chart h2, section h2 { font-size: 16px; margin-bottom: 4px; }
  p.caption { color: #555; font-size: 13px; margin-top: 2px; }
</style>
</head>
<body>
<h1>${esc(parameters.title)}</h1>
<p class="subtitle">${esc(parameters.subtitle)}</p>
<table class="headline">
${parameters.headline.map((h) => `<tr><td>${esc(h.label)}</td><td class="value${h.alert ? " alert" : ""}">${esc(h.value)}</td></tr>`).join("\n")}
</table>
${charts.map((c) => `<section class="chart"><h2>${esc(c.title)}</h2><p class="caption">${esc(c.caption)}</p><div id="chart-${esc(c.id)}"></div></section>`).join("\n")}
${(parameters.sections ?? []).map((s) => `<section><h2>${esc(s.title)}</h2>${s.html}</section>`).join("\n")}
${libraries()}
<script>
(async () => {
  const charts = ${specs};
  const drawn = [];
  for (const c of charts) {
    try {
      await vegaEmbed("#chart-" + c.id, c.spec, { renderer: "svg", actions: false });
      const marks = document.querySelectorAll("#chart-" + c.id + " g.mark-line path, #chart-" + c.id + " g.mark-rect path, #chart-" + c.id + " g.mark-area path, #chart-" + c.id + " g.mark-symbol path, #chart-" + c.id + " g.mark-rule line").length;
      const svg = document.querySelector("#chart-" + c.id + " svg");
      drawn.push({ id: c.id, marks, text: svg ? svg.textContent : "" });
    } catch (error) {
      console.error("chart " + c.id + " failed: " + error);
      drawn.push({ id: c.id, marks: 0, text: "" });
    }
  }
  window.dlcmCharts = { done: true, charts: drawn };
})();
</script>
</body>
</html>
`;
}
