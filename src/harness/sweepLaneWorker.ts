// One lane of a sweep's pool of chains in a process of its own (runSweep with workers > 1 on the replica; a
// fork's lanes stay in the sweep's process): runSweepLane, its variants asked of the sweep one at a time,
// so each chain's loop (its model, its transactions, its checks) has a core of its own, pinned there with
// its node. Messages over the child-process channel (advanced serialization: bigints pass).
import { pinToCpu } from "../chain/pinToCpu.js";
import type { ChainBackend } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { SweepRow } from "./runSweep.js";
import { runSweepLane } from "./runSweepLane.js";

/** What a lane is given (its first message): its chain, the deployment's first scenario, its label in progress lines, its CPU. */
export type SweepLaneData = {
  backend: ChainBackend;
  scenario: Scenario;
  deployment: number;
  at: string;
  /** Pin this process (and so the chain it starts) to this CPU first (pinToCpu); none: float. */
  cpu?: number;
};

/** What a lane says: progress, its phases' times, that it wants a variant, a row, or its failure. */
export type SweepLaneMessage =
  | { type: "progress"; message: string; done?: number; total?: number }
  | { type: "timing"; phase: "chainStartMs" | "deployMs"; ms: number }
  | { type: "ready" }
  | { type: "row"; i: number; row: SweepRow }
  | { type: "error"; message: string };

/** What a lane is sent after its data: the next variant, or that there is none. */
export type SweepLaneOrder =
  | { type: "variant"; i: number; values: SweepRow["values"]; scenario: Scenario }
  | { type: "done" };

const say = (m: SweepLaneMessage) => process.send!(m);
const orders: SweepLaneOrder[] = [];
let wake: (() => void) | undefined;
let started: ((data: SweepLaneData) => void) | undefined;
const first = new Promise<SweepLaneData>((resolve) => (started = resolve));
process.on("message", (m: SweepLaneData | SweepLaneOrder) => {
  if (started) {
    started(m as SweepLaneData);
    started = undefined;
    return;
  }
  orders.push(m as SweepLaneOrder);
  wake?.();
});
const data = await first;
const nextOrder = async (): Promise<SweepLaneOrder> => {
  while (orders.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return orders.shift()!;
};

// Before the chain starts: its anvil inherits the pin.
if (data.cpu !== undefined) pinToCpu(data.cpu);
try {
  await runSweepLane(
    {
      backend: data.backend,
      scenario: data.scenario,
      deployment: data.deployment,
      at: data.at,
      now: () => performance.now(),
    },
    {
      progress: (message, done, total) =>
        say({
          type: "progress",
          message,
          ...(done !== undefined ? { done } : {}),
          ...(total !== undefined ? { total } : {}),
        }),
      timing: (phase, ms) => say({ type: "timing", phase, ms }),
      next: async () => {
        say({ type: "ready" });
        const order = await nextOrder();
        return order.type === "done" ? undefined : order;
      },
      row: (i, row) => say({ type: "row", i, row }),
    },
  );
} catch (error) {
  say({ type: "error", message: (error as Error).message });
} finally {
  process.disconnect();
}
