// One lane of a sweep's pool of chains on its own thread (runSweep with workers > 1 on the replica; a
// fork's lanes stay on the main thread): runSweepLane, its variants asked of the main thread one at a time,
// so each chain's loop (its model, its transactions, its checks) has a core of its own.
import { parentPort, workerData } from "node:worker_threads";
import type { ChainBackend } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { SweepRow } from "./runSweep.js";
import { runSweepLane } from "./runSweepLane.js";

/** What a lane is given: its chain, the deployment's first scenario, its label in progress lines. */
export type SweepLaneData = {
  backend: ChainBackend;
  scenario: Scenario;
  deployment: number;
  at: string;
};

/** What a lane says: progress, its phases' times, that it wants a variant, a row, or its failure. */
export type SweepLaneMessage =
  | { type: "progress"; message: string; done?: number; total?: number }
  | { type: "timing"; phase: "chainStartMs" | "deployMs"; ms: number }
  | { type: "ready" }
  | { type: "row"; i: number; row: SweepRow }
  | { type: "error"; message: string };

/** What a lane is sent: the next variant, or that there is none. */
export type SweepLaneOrder =
  | { type: "variant"; i: number; values: SweepRow["values"]; scenario: Scenario }
  | { type: "done" };

const data = workerData as SweepLaneData;
const port = parentPort!;
const say = (m: SweepLaneMessage) => port.postMessage(m);
const orders: SweepLaneOrder[] = [];
let wake: (() => void) | undefined;
port.on("message", (m: SweepLaneOrder) => {
  orders.push(m);
  wake?.();
});
const nextOrder = async (): Promise<SweepLaneOrder> => {
  while (orders.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return orders.shift()!;
};

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
  port.close();
}
