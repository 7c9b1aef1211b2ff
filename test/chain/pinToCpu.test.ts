import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { expect } from "chai";
import { allowedCpus } from "../../src/chain/pinToCpu.js";

const hasTaskset = (() => {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("pinToCpu (a sweep's lanes and queue workers, each on a core with its node)", () => {
  it("default: allowedCpus lists the CPUs the kernel lets this process use — as many as Node sees", function () {
    const cpus = allowedCpus();
    if (cpus.length === 0) this.skip(); // not Linux: nothing to pin, and lanes float
    expect(cpus.length).to.equal(availableParallelism());
    expect(cpus).to.deep.equal([...cpus].sort((a, b) => a - b));
  });

  it("behavior: a process that pins itself runs, with every thread, on that CPU only, and what it starts afterwards inherits it", function () {
    if (!hasTaskset || allowedCpus().length === 0) this.skip(); // no util-linux taskset here
    const cpu = allowedCpus().at(-1)!;
    // A child pins itself, then reports its threads' allowed CPUs and those of a process it starts.
    const script = `
      const { pinToCpu } = await import(${JSON.stringify(new URL("../../src/chain/pinToCpu.ts", import.meta.url).href)});
      const { readFileSync, readdirSync } = await import("node:fs");
      const { execFileSync } = await import("node:child_process");
      const pinned = pinToCpu(${cpu});
      const allowed = (path) => /^Cpus_allowed_list:\\s*(.+)$/m.exec(readFileSync(path, "utf8"))[1];
      const threads = readdirSync("/proc/self/task").map((t) => allowed("/proc/self/task/" + t + "/status"));
      const child = execFileSync("sh", ["-c", "grep Cpus_allowed_list /proc/self/status"]).toString().split(/\\s+/)[1];
      console.log(JSON.stringify({ pinned, threads, child }));
    `;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    const { pinned, threads, child } = JSON.parse(out.trim().split("\n").at(-1)!);
    expect(pinned).to.equal(true);
    expect(threads.length).to.be.greaterThan(1);
    expect(new Set(threads)).to.deep.equal(new Set([String(cpu)]));
    expect(child).to.equal(String(cpu));
  });
});
