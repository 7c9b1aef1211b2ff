const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Green (0) through yellow (0.5) and orange (1) to red (≥ 2): a cell's loss over its fund. */
export function heatColor(ratio: number): string {
  const stops: [number, [number, number, number]][] = [
    [0, [232, 245, 233]],
    [0.5, [255, 235, 59]],
    [1, [255, 152, 0]],
    [2, [198, 40, 40]],
  ];
  const r = Number.isFinite(ratio) ? Math.max(0, ratio) : 2;
  for (let i = 1; i < stops.length; i++) {
    const [b, cb] = stops[i]!;
    const [a, ca] = stops[i - 1]!;
    if (r <= b) {
      const f = (r - a) / (b - a);
      const c = ca.map((v, k) => Math.round(v + f * (cb[k]! - v)));
      return `rgb(${c.join(",")})`;
    }
  }
  return "rgb(198,40,40)";
}

/**
 * A self-contained SVG heat map: one cell per (x, y), coloured by `value` (a loss over its fund: 1 is
 * the fund exhausted), its text inside, failing cells outlined.
 *
 * @example renderHeatMap({ title, xLabel, yLabel, xs: ["−30%", …], ys: ["0", …], cells: [[{ value: 0.2, text: "20%", failing: false }]] })
 */
export function renderHeatMap({
  title,
  xLabel,
  yLabel,
  xs,
  ys,
  cells,
}: {
  title: string;
  xLabel: string;
  yLabel: string;
  xs: readonly string[];
  ys: readonly string[];
  /** Row-major: cells[yIndex][xIndex]. */
  cells: readonly (readonly { value: number; text: string; failing: boolean }[])[];
}): string {
  const cw = Math.max(34, Math.min(70, Math.floor(900 / Math.max(1, xs.length))));
  const ch = 26;
  const pad = { l: 110, t: 44, r: 20, b: 60 };
  const width = pad.l + xs.length * cw + pad.r;
  const height = pad.t + ys.length * ch + pad.b;
  const rects = cells
    .flatMap((row, j) =>
      row.map((c, i) => {
        const x = pad.l + i * cw;
        const y = pad.t + j * ch;
        return `<rect x="${x}" y="${y}" width="${cw - 1}" height="${ch - 1}" fill="${heatColor(c.value)}"${c.failing ? ' stroke="#000" stroke-width="2"' : ""}/><text x="${x + cw / 2}" y="${y + ch / 2 + 4}" font-size="10" text-anchor="middle">${esc(c.text)}</text>`;
      }),
    )
    .join("\n");
  const xTicks = xs
    .map(
      (label, i) =>
        `<text x="${pad.l + i * cw + cw / 2}" y="${pad.t + ys.length * ch + 14}" font-size="10" text-anchor="middle">${esc(label)}</text>`,
    )
    .join("");
  const yTicks = ys
    .map(
      (label, j) =>
        `<text x="${pad.l - 6}" y="${pad.t + j * ch + ch / 2 + 4}" font-size="10" text-anchor="end">${esc(label)}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${pad.l}" y="18" font-size="14" font-weight="bold">${esc(title)}</text>
<text x="${pad.l}" y="34" font-size="11">cell: worst loss / fund over the protocols · outlined: some fund exceeded</text>
${rects}
${xTicks}${yTicks}
<text x="${pad.l + (xs.length * cw) / 2}" y="${height - 16}" font-size="12" text-anchor="middle">${esc(xLabel)}</text>
<text x="14" y="${pad.t + (ys.length * ch) / 2}" font-size="12" transform="rotate(-90 14 ${pad.t + (ys.length * ch) / 2})" text-anchor="middle">${esc(yLabel)}</text>
</svg>
`;
}
