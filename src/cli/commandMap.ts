import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import type { ChainBackend } from "../chain/types.js";
import { UsageError } from "../errors/UsageError.js";
import { confirmMapOnChain } from "../harness/confirmMapOnChain.js";
import { parseSweepParam } from "../model/sweep/parseSweepParam.js";
import { SHOCK_DEPTH, solvencyMap } from "../model/thresholds/solvencyMap.js";
import { writeMapReport } from "../report/writeMapReport.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { terminal } from "./terminal.js";

/**
 * `dlcm map <scenario> --x path=values --y path=values [--confirm N] [--chain anvil|edr] [--out DIR]`:
 * the Cross-Protocol Solvency Map from the model, chosen cells confirmed on chain.
 */
export async function commandMap(
  path: string,
  values: { x: string; y: string; confirm: number; chain: ChainBackend; out?: string; policy?: string },
): Promise<number> {
  const [x, y] = [parseSweepParam(values.x), parseSweepParam(values.y)];
  if (x.path === y.path)
    throw new UsageError(`--x and --y are both ${x.path}: map two different dimensions.`);
  for (const p of [x, y])
    if (p.path === SHOCK_DEPTH && p.values.some((v) => typeof v !== "number" || v <= 0 || v >= 1))
      throw new UsageError(
        `--${p === x ? "x" : "y"} ${SHOCK_DEPTH}: depths are fractions between 0 and 1, e.g. 0.3:0.9:0.05.`,
      );
  const scenario = await loadScenario(path, values.policy !== undefined ? { policy: values.policy } : {});
  const out = values.out ?? `out/map-${scenario.name}`;
  const cells = x.values.length * y.values.length;
  terminal.done(`dlcm: solvency map of ${scenario.name}: ${x.path} × ${y.path} (${cells} cells, model)`);
  const map = solvencyMap(scenario, {
    x,
    y,
    now: () => performance.now(),
    onCell: (done, total) => terminal.progress(`  cell ${done}/${total}`),
  });
  terminal.done(`  ${cells} cascades in ${Math.round(map.timings.totalMs)} ms`);
  let confirmations: Awaited<ReturnType<typeof confirmMapOnChain>> = [];
  if (values.confirm > 0) {
    await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
    confirmations = await confirmMapOnChain(scenario, map, {
      count: values.confirm,
      backend: values.chain,
      now: () => performance.now(),
      onProgress: (message, done, total) =>
        terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
    });
  }
  const written = await writeMapReport(map, confirmations, out, scenario.name);
  const label = (v: unknown) =>
    x.path === SHOCK_DEPTH && typeof v === "number" ? `−${(v * 100).toFixed(1)}%` : String(v);
  const lines = [
    "",
    ...map.cells.map(
      (_, j) =>
        `${y.path}=${String(y.values[j])}: first failing ${x.path} ${map.firstFailingX[j] === null ? "none" : label(map.firstFailingX[j])}${map.monotoneRows[j] ? "" : " (not monotone along the row)"}`,
    ),
    ...(confirmations.length
      ? [
          `On chain: ${confirmations.filter((c) => c.agrees).length}/${confirmations.length} confirmed cells agree with the map${confirmations.some((c) => c.error) ? ` (${confirmations.filter((c) => c.error).length} could not run)` : ""}`,
        ]
      : []),
    "",
    `Report: ${written.markdown}`,
    `Map:    ${written.svg}`,
    `Table:  ${written.csv}`,
    `JSON:   ${written.json}`,
  ];
  terminal.summary(lines, { command: "map", report: written, cells });
  return confirmations.some((c) => !c.agrees) ? 1 : 0;
}
