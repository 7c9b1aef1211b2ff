// The sweep on a pool of chains in `npm run bench` (issue 20): a 20-variant sweep of the shipped latency
// scenario on anvil, serial against two chains at once and against two queue workers, in the same run;
// the rows must be equal.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { execa } from "execa";
import { getFreePort } from "../src/chain/getFreePort.js";
import { runSweepOnQueue } from "../src/harness/queue/runSweepOnQueue.js";
import { runSweep } from "../src/harness/runSweep.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";
import type { Scenario } from "../src/model/scenario/schema.js";
import type { SweepParam } from "../src/model/sweep/parseSweepParam.js";

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
  const queued = await onQueue(scenario, params);
  return {
    variants: serial.report.rows.length,
    serialMs: round(serial.ms),
    pool2Ms: round(pooled.ms),
    speedup: round(serial.ms / pooled.ms, 2),
    rowsEqual: strip(serial.report) === strip(pooled.report),
    exact: pooled.report.rows.every((r) => r.exactActions === r.executedActions && !r.error),
    ...(queued
      ? {
          queue2WorkersMs: round(queued.ms),
          queueSpeedup: round(serial.ms / queued.ms, 2),
          queueRowsEqual: strip(serial.report) === strip(queued.report),
        }
      : { queue: "redis-server is not installed: not measured" }),
  };
}

/** The same sweep through the queue: a Redis on loopback and two `dlcm worker` processes on this machine. */
async function onQueue(scenario: Scenario, params: SweepParam[]) {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const port = await getFreePort();
  const redis = execa(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { reject: false },
  );
  const url = `redis://127.0.0.1:${port}`;
  // Each worker pinned to a core of its own (--cpu), as one would start two on a 2-core machine.
  const workers = [0, 1].map((cpu) =>
    execa(
      process.execPath,
      ["bin/dlcm.js", "--progress", "none", "worker", "--queue", url, "--cpu", String(cpu)],
      {
        reject: false,
      },
    ),
  );
  try {
    await new Promise((r) => setTimeout(r, 3000)); // the workers connect and compile nothing
    const t = performance.now();
    const report = await runSweepOnQueue(scenario, { params, backend: "anvil", queue: url });
    return { report, ms: performance.now() - t };
  } finally {
    for (const w of workers) w.kill("SIGTERM");
    await Promise.allSettled(workers);
    redis.kill("SIGTERM");
    await Promise.allSettled([redis]);
  }
}
