// One lane of a sweep's pool of chains on its own thread (runSweep with workers > 1 on the replica; a
// fork's lanes stay on the main thread): it starts its chain, deploys the replica, then asks for variants
// one at a time and runs each from the snapshot,
// so each chain's loop (its model, its transactions, its checks) has a core of its own.
import { parentPort, workerData } from "node:worker_threads";
import { createChain } from "../chain/createChain.js";
import type { ChainBackend } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import { openReplicaSession } from "./openReplicaSession.js";
import { type SweepRow, sweepRow } from "./runSweep.js";
import { runVariantOnChain } from "./runVariantOnChain.js";
import type { ChainSession } from "./types.js";

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

let session: ChainSession | undefined;
try {
  const now = () => performance.now();
  say({ type: "progress", message: `${data.at}: starting ${data.backend}` });
  let t = now();
  const chain = await createChain({ backend: data.backend });
  say({ type: "timing", phase: "chainStartMs", ms: now() - t });
  t = now();
  const onProgress = (m: string, d?: number, total?: number) =>
    say({
      type: "progress",
      message: `${data.at}: ${m}`,
      ...(d !== undefined ? { done: d } : {}),
      ...(total !== undefined ? { total } : {}),
    });
  session = await openReplicaSession(chain, data.scenario, { onProgress, now });
  say({ type: "timing", phase: "deployMs", ms: now() - t });
  for (;;) {
    say({ type: "ready" });
    const order = await nextOrder();
    if (order.type === "done") break;
    const t0 = now();
    const run = await runVariantOnChain(session, order.scenario, { skipSsf: true, scan: "final", now });
    say({ type: "row", i: order.i, row: sweepRow(order.values, data.deployment, run, now() - t0) });
  }
} catch (error) {
  say({ type: "error", message: (error as Error).message });
} finally {
  await session?.stop();
  port.close();
}
