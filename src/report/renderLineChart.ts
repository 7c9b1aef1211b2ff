/** One line of a chart. */
export type Series = { name: string; color: string; points: readonly [number, number][]; dashed?: boolean };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const fmt = (v: number) =>
  Math.abs(v) >= 1e6
    ? `${(v / 1e6).toFixed(1)}M`
    : Math.abs(v) >= 1e3
      ? `${(v / 1e3).toFixed(1)}k`
      : v.toFixed(Math.abs(v) < 10 ? 2 : 0);

/**
 * A self-contained SVG line chart (no dependencies, readable in any browser or Markdown viewer).
 * @example renderLineChart({ title: "Price", xLabel: "block", yLabel: "USD", series: [...] })
 */
export function renderLineChart({
  title,
  xLabel,
  yLabel,
  series,
  width = 720,
  height = 320,
}: {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  width?: number;
  height?: number;
}): string {
  // The legend sits under the title, in rows of as many entries as fit, and the plot starts below it.
  const perRow = Math.max(1, Math.floor((width - 90) / 170));
  const legendRows = Math.ceil(series.length / perRow);
  const pad = { l: 70, r: 20, t: 30 + legendRows * 16, b: 44 };
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const x0 = Math.min(...xs, 0);
  const x1 = Math.max(...xs, 1);
  let y0 = Math.min(...ys, 0);
  let y1 = Math.max(...ys, 1);
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const sx = (x: number) => pad.l + ((x - x0) / (x1 - x0 || 1)) * (width - pad.l - pad.r);
  const sy = (y: number) => height - pad.b - ((y - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => y0 + f * (y1 - y0));
  const lines = series
    .map(
      (s) =>
        `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""} points="${s.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" ")}"/>`,
    )
    .join("\n");
  const legend = series
    .map(
      (s, i) =>
        `<text x="${pad.l + 10 + (i % perRow) * 170}" y="${36 + Math.floor(i / perRow) * 16}" fill="${s.color}" font-size="12">${s.dashed ? "┅" : "■"} ${esc(s.name)}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${pad.l}" y="16" font-size="14" font-weight="bold">${esc(title)}</text>${legend}
${ticks.map((t) => `<line x1="${pad.l}" x2="${width - pad.r}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/><text x="${pad.l - 6}" y="${sy(t) + 4}" font-size="11" text-anchor="end">${fmt(t)}</text>`).join("\n")}
<line x1="${pad.l}" x2="${pad.l}" y1="${pad.t}" y2="${height - pad.b}" stroke="#888"/>
<line x1="${pad.l}" x2="${width - pad.r}" y1="${height - pad.b}" y2="${height - pad.b}" stroke="#888"/>
<text x="${(pad.l + width - pad.r) / 2}" y="${height - 10}" font-size="12" text-anchor="middle">${esc(xLabel)} (${fmt(x0)}–${fmt(x1)})</text>
<text x="14" y="${(pad.t + height - pad.b) / 2}" font-size="12" transform="rotate(-90 14 ${(pad.t + height - pad.b) / 2})" text-anchor="middle">${esc(yLabel)}</text>
${lines}
</svg>
`;
}
