// The sweep on a pool of chains in `npm run bench` (issue 20): a 20-variant sweep of the shipped latency
// scenario on anvil, serial against two chains at once, in the same run; the rows must be equal.
import { readFileSync } from "node:fs";
import { runSweep } from "../src/harness/runSweep.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";

const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

export async function benchPool(): Promise<Record<string, unknown>> {
  const scenario = parseScenario(JSON.parse(readFileSync("scenarios/oracle-latency.json", "utf8")));
  const params = [{ path: "oracle.latencyBlocks", values: Array.from({ length: 20 }, (_, i) => i) }];
  const timed = async (workers: number) => {
    const t = performance.now();
    const report = await runSweep(scenario, {
      params,
      backend: "anvil",
      workers,
      now: () => performance.now(),
    });
    return { report, ms: performance.now() - t };
  };
  const serial = await timed(1);
  const pooled = await timed(2);
  const strip = (r: typeof serial.report) => JSON.stringify(r.rows.map(({ ms: _ms, ...row }) => row));
  return {
    variants: serial.report.rows.length,
    serialMs: round(serial.ms),
    pool2Ms: round(pooled.ms),
    speedup: round(serial.ms / pooled.ms, 2),
    rowsEqual: strip(serial.report) === strip(pooled.report),
    exact: pooled.report.rows.every((r) => r.exactActions === r.executedActions && !r.error),
  };
}
