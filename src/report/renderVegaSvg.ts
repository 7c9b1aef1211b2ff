import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * A Vega-Lite specification drawn to a self-contained SVG in Node, by the same library the HTML report
 * draws with in the browser (no canvas: text widths are Vega's estimates).
 *
 * @param spec - a Vega-Lite specification with its data inline.
 * @param title - the chart's title.
 * @returns the SVG document.
 */
export async function renderVegaSvg(spec: Record<string, unknown>, title: string): Promise<string> {
  const compiled = compile({ title, background: "white", ...spec } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

/** One line of a line chart: its name, its points, dashed to stay visible over a line it coincides with. */
export type LineSeries = { name: string; points: readonly (readonly [number, number])[]; dashed?: boolean };

/**
 * A line chart's Vega-Lite specification: one coloured line per series (dashed ones drawn over solid
 * ones), point markers when there are few points, horizontal reference rules.
 */
export function lineSpec(parameters: {
  xTitle: string;
  yTitle: string;
  yFormat?: string;
  zero?: boolean;
  series: readonly LineSeries[];
  rules?: readonly { y: number; label: string }[];
  width?: number;
  height?: number;
}): Record<string, unknown> {
  const { series } = parameters;
  const values = series.flatMap((s) => s.points.map(([x, y]) => ({ x, y, series: s.name })));
  const few = Math.max(0, ...series.map((s) => s.points.length)) <= 25;
  const layers: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: "line", strokeWidth: 2, point: few },
      encoding: {
        x: { field: "x", type: "quantitative", title: parameters.xTitle },
        y: {
          field: "y",
          type: "quantitative",
          title: parameters.yTitle,
          scale: { zero: parameters.zero ?? false },
          ...(parameters.yFormat ? { axis: { format: parameters.yFormat } } : {}),
        },
        color: { field: "series", type: "nominal", title: null, legend: { orient: "top" } },
        strokeDash: {
          field: "series",
          type: "nominal",
          scale: {
            domain: series.map((s) => s.name),
            range: series.map((s) => (s.dashed ? [6, 4] : [1, 0])),
          },
          // The same legend as the colour (one legend, its lines dashed as drawn; two settings warn).
          legend: { orient: "top" },
        },
      },
    },
  ];
  if (parameters.rules?.length)
    layers.push({
      data: { values: parameters.rules },
      mark: { type: "rule", strokeDash: [4, 3], color: "#c62828" },
      encoding: { y: { field: "y", type: "quantitative" }, tooltip: [{ field: "label" }] },
    });
  return { width: parameters.width ?? 720, height: parameters.height ?? 260, layer: layers };
}
