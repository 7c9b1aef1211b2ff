import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { MapConfirmation } from "../harness/confirmMapOnChain.js";
import { SHOCK_DEPTH, type SolvencyMap } from "../model/thresholds/solvencyMap.js";
import { renderHeatMap } from "./renderHeatMap.js";
import { writeTextFile } from "./writeTextFile.js";

const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;
const ratioText = (r: number) => (Number.isFinite(r) ? `${Math.round(r * 100)}%` : "∞");

/** How an axis value reads: a depth as −40%, anything else as written. */
function label(path: string, v: number | string | boolean): string {
  return path === SHOCK_DEPTH && typeof v === "number" ? `−${Math.round(v * 1000) / 10}%` : String(v);
}

/**
 * Writes `dlcm map`'s outputs into `dir`: map.json (every cell, the confirmations), map.csv (one line per
 * cell and protocol), map.svg (the heat map of each cell's worst loss over fund) and map.md (the table,
 * each row's first failing x, whether it is monotone, and the cells confirmed on chain).
 *
 * @param map - the model's map.
 * @param confirmations - cells run on chain (may be empty).
 * @param dir - output directory.
 * @param scenarioName - for titles.
 * @returns the paths written.
 */
export async function writeMapReport(
  map: SolvencyMap,
  confirmations: readonly MapConfirmation[],
  dir: string,
  scenarioName: string,
): Promise<{ json: string; markdown: string; csv: string; svg: string }> {
  await mkdir(dir, { recursive: true });
  const xs = map.x.values.map((v) => label(map.x.path, v));
  const ys = map.y.values.map((v) => label(map.y.path, v));
  const svg = join(dir, "map.svg");
  await writeTextFile(
    svg,
    renderHeatMap({
      title: `Solvency map of ${scenarioName}: worst loss / fund`,
      xLabel: map.x.path,
      yLabel: map.y.path,
      xs,
      ys,
      cells: map.cells.map((row) =>
        row.map((c) => ({
          value: c.worstRatio,
          text: ratioText(c.worstRatio),
          failing: c.failing.length > 0,
        })),
      ),
    }),
  );
  const csv = join(dir, "map.csv");
  const csvLines = [`${map.x.path},${map.y.path},protocol,lossUsd,fundUsd,exceeds`];
  for (const row of map.cells)
    for (const c of row)
      for (const [id, p] of Object.entries(c.protocols))
        csvLines.push(
          `${c.x},${c.y},${id},${p.lossUsd.toFixed(2)},${p.fundUsd.toFixed(2)},${p.lossUsd > p.fundUsd}`,
        );
  await writeTextFile(csv, `${csvLines.join("\n")}\n`);
  const json = join(dir, "map.json");
  await writeTextFile(json, `${JSON.stringify({ scenario: scenarioName, map, confirmations }, null, 2)}\n`);
  const md = [
    `# Cross-Protocol Solvency Map: ${scenarioName}`,
    "",
    `One model cascade per cell: ${map.x.path} across (${xs.length} values), ${map.y.path} down (${ys.length}). A cell is each protocol's loss over its insurance fund, the worst of them shown; **bold** when some fund is exceeded. ${Math.round(map.timings.totalMs)} ms, ${map.timings.perCellMs.toFixed(1)} ms per cell.`,
    "",
    "![solvency map](map.svg)",
    "",
    `| ${map.y.path} \\ ${map.x.path} | ${xs.join(" | ")} | first failing | monotone |`,
    `|---|${xs.map(() => "---:").join("|")}|---|---|`,
    ...map.cells.map(
      (row, j) =>
        `| ${ys[j]} | ${row.map((c) => (c.failing.length ? `**${ratioText(c.worstRatio)}**` : ratioText(c.worstRatio))).join(" | ")} | ${map.firstFailingX[j] === null ? "none" : label(map.x.path, map.firstFailingX[j]!)} | ${map.monotoneRows[j] ? "yes" : "**no**"} |`,
    ),
    "",
  ];
  if (confirmations.length) {
    md.push(
      "## Cells confirmed on chain",
      "",
      "Each a cascade on the replica from its snapshot: failing when a protocol's bad debt measured from the chain's balances exceeds its fund (protocols that run on chain).",
      "",
      `| ${map.x.path} | ${map.y.path} | failing on chain | failing in the map | agrees | loss on chain | exact txs | ms |`,
      "|---|---|---|---|---|---|---|---|",
      ...confirmations.map((c) => {
        return `| ${xs[c.xIndex]} | ${ys[c.yIndex]} | ${c.error ? `error: ${c.error}` : c.chainFailing.join(", ") || "—"} | ${c.modelFailing.join(", ") || "—"} | ${c.agrees ? "yes" : "**no**"} | ${Object.entries(
          c.chainLossUsd,
        )
          .map(([id, v]) => `${id} ${usd(v)}`)
          .join("; ")} | ${c.exactActions}/${c.executedActions} | ${Math.round(c.ms)} |`;
      }),
      "",
    );
  }
  const markdown = join(dir, "map.md");
  await writeTextFile(markdown, md.join("\n"));
  return { json, markdown, csv, svg };
}
