import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * The CPUs this process may run on (Linux's `Cpus_allowed_list`, e.g. "0-1" or "0,2-3"); empty where the
 * kernel does not say.
 */
export function allowedCpus(): number[] {
  try {
    const line = /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (!line) return [];
    return line.split(",").flatMap((part) => {
      const [from, to] = part.split("-").map(Number);
      return Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i);
    });
  } catch {
    return [];
  }
}

/**
 * Pins this process, every thread it has, to one CPU with util-linux's `taskset -a`; what it starts
 * afterwards (its anvil) inherits the pin. A sweep's lanes, each a process on a core of its own with its
 * node, ran 20 variants ×1.65–1.69 against serial on two cores (×1.5–1.6 as floating threads of one
 * process), and two pinned queue workers ×1.8–1.9 (×1.4–1.7 floating): unpinned, each lane's node and
 * its V8 helper threads took turns on the other lane's core. Returns false, changing nothing, where it
 * cannot (no Linux, no taskset, a CPU not allowed).
 *
 * @param cpu - the CPU (one of allowedCpus()).
 * @returns whether it was pinned.
 */
export function pinToCpu(cpu: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
