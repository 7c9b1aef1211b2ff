import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { execa, type ResultPromise } from "execa";
import { getFreePort } from "../../src/chain/getFreePort.js";
import { PROJECT_ROOT } from "../../src/chain/loadArtifact.js";
import { runSweepOnQueue } from "../../src/harness/queue/runSweepOnQueue.js";
import { runSweep, type SweepRow } from "../../src/harness/runSweep.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";

const hasRedis = (() => {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const params = [{ path: "oracle.latencyBlocks", values: [0, 2, 5, 10] }];
const strip = (rows: readonly SweepRow[]) => rows.map(({ ms: _ms, ...r }) => r);

// Issue 20: a sweep's variants on workers through BullMQ on a real Redis, one worker killed mid-variant.
describe("sweeps on a queue of workers (issue 20)", function () {
  this.timeout(600_000);
  let redis: ResultPromise | undefined;
  const workers: { process: ResultPromise; log: string[] }[] = [];

  before(function () {
    if (!hasRedis) this.skip(); // redis-server (Debian's package) is not installed: .ci/run installs it.
  });
  after(async () => {
    for (const w of workers) w.process.kill("SIGKILL");
    redis?.kill("SIGTERM");
    await Promise.allSettled([...workers.map((w) => w.process), ...(redis ? [redis] : [])]);
  });

  it("default: two workers, one killed while it runs a variant: the rows equal the local sweep's, and a rerun reuses them with no worker left", async () => {
    const scenario = parseScenario(
      JSON.parse(readFileSync(join(PROJECT_ROOT, "scenarios", "oracle-latency.json"), "utf8")),
    );
    const local = await runSweep(scenario, { params, backend: "anvil" });

    const port = await getFreePort();
    redis = execa(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        reject: false,
      },
    );
    const url = `redis://127.0.0.1:${port}`;
    const startWorker = () => {
      const log: string[] = [];
      const process_ = execa(
        process.execPath,
        [
          join(PROJECT_ROOT, "bin", "dlcm.js"),
          "worker",
          "--queue",
          url,
          "--lock-seconds",
          "3",
          "--progress",
          "plain",
        ],
        {
          reject: false,
          all: true,
        },
      );
      process_.all?.on("data", (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean)));
      workers.push({ process: process_, log });
      return { process: process_, log };
    };
    const doomed = startWorker();
    const survivor = startWorker();
    const ready = (w: { log: string[] }) => w.log.some((l) => l.includes("worker ready"));
    for (let i = 0; i < 600 && !(ready(doomed) && ready(survivor)); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(ready(doomed) && ready(survivor)).to.equal(true);

    const queued = runSweepOnQueue(scenario, { params, backend: "anvil", queue: url, timeoutMs: 300_000 });
    // Kill the first worker as soon as it has started a variant (and before it finishes it).
    let killedDuring: string | undefined;
    for (let i = 0; i < 3000 && !killedDuring; i++) {
      const started = doomed.log.find((l) => /variant oracle\.latencyBlocks=\d+$/.test(l.trim()));
      if (started) {
        doomed.process.kill("SIGKILL");
        killedDuring = started.trim();
      } else await new Promise((r) => setTimeout(r, 20));
    }
    expect(killedDuring, doomed.log.join("\n")).to.not.equal(undefined);
    const report = await queued;
    expect(doomed.log.some((l) => l.includes(`${killedDuring}:`))).to.equal(false); // it never finished that one
    expect(strip(report.rows)).to.deep.equal(strip(local.rows));
    // The same JSON, key order included (the sweep report is written from these rows).
    expect(JSON.stringify(strip(report.rows))).to.equal(JSON.stringify(strip(local.rows)));
    for (const r of report.rows) expect(r.exactActions).to.equal(r.executedActions);
    // The survivor ran the killed worker's variant too.
    expect(survivor.log.some((l) => l.trim() === killedDuring)).to.equal(true);

    // A rerun of the finished sweep: no worker runs any more, and it still completes, from the stored results.
    survivor.process.kill("SIGTERM");
    await survivor.process;
    const rerun = await runSweepOnQueue(scenario, {
      params,
      backend: "anvil",
      queue: url,
      timeoutMs: 30_000,
    });
    expect(strip(rerun.rows)).to.deep.equal(strip(local.rows));
  });
});
