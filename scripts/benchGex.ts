// The GEX feed in `npm run bench` (issue 19): one block's recomputation for a 10,000-line book (lines over
// 180 instruments, as position-level books are, and 10,000 distinct instruments), and Server-Sent Events
// delivery to 1,000 concurrent clients on loopback (p50/p99 from publication to each client's receipt).

import { Worker } from "node:worker_threads";
import type { GexEvent, GexFeed } from "../src/feed/createGexFeed.js";
import { createGexServer } from "../src/feed/createGexServer.js";
import { gexSnapshot } from "../src/model/gex/gexSnapshot.js";
import type { OptionBook } from "../src/model/options/types.js";

const surface = { atmVol: 0.6, skew: -0.25, termSlope: 0, stressBeta: 1, realisedWeight: 0.01 };
const book = (distinct: boolean): OptionBook => ({
  id: "bench",
  convention: "dealer-long-calls-short-puts",
  surface,
  rate: 0,
  options: Array.from({ length: 10_000 }, (_, i) => ({
    type: i % 2 === 0 ? ("put" as const) : ("call" as const),
    strike: distinct ? 1000 + i * 0.25 : (i % 2 === 0 ? 1500 : 3000) + (i % 60) * 25,
    expirySeconds: 86_400 * (1 + (i % 90)),
    size: 1 + (i % 7),
  })),
});
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function computeMs(b: OptionBook): number {
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    gexSnapshot([b], 3000, 0);
    times.push(performance.now() - t);
  }
  return round(quantile(times, 0.5));
}

async function sseLatency(clients: number, blocks: number) {
  const listeners = new Set<(e: GexEvent) => void>();
  let latest: GexEvent | undefined;
  const feed: GexFeed = {
    latest: () => latest,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    stats: () => ({ blocks: 0, errors: 0, lastComputeMs: 0 }),
    caughtUp: async () => {},
    stop: () => {},
  };
  const server = await createGexServer(feed);
  const snapshot = gexSnapshot([book(false)], 3000, 0);
  // The clients in worker threads (250 each), off the server's event loop.
  const perWorker = 250;
  const workers = Array.from({ length: Math.ceil(clients / perWorker) }, (_, k) => {
    const n = Math.min(perWorker, clients - k * perWorker);
    return new Worker(new URL("./benchGexClients.ts", import.meta.url), {
      workerData: { url: `${server.url}/v1/gex/stream`, clients: n, expected: n * blocks },
      execArgv: ["--import", "tsx"],
    });
  });
  const done = workers.map(
    (w) =>
      new Promise<number[]>((resolve, reject) => {
        w.on("message", (m: { latencies?: number[] }) => m.latencies && resolve(m.latencies));
        w.on("error", reject);
      }),
  );
  while (server.clients() < clients) await new Promise((r) => setTimeout(r, 20));
  for (let b = 0; b < blocks; b++) {
    // sentAt first, so a client reads it without parsing the whole event.
    latest = {
      sentAt: performance.timeOrigin + performance.now(),
      ...snapshot,
      block: String(b),
      timestamp: b,
      provenance: { chainId: 0, pool: "", books: "bench", startTimestamp: 0 },
      computeMs: 0,
    } as GexEvent;
    for (const l of listeners) l(latest);
    await new Promise((r) => setTimeout(r, 100));
  }
  const latencies = (await Promise.all(done)).flat();
  await Promise.all(workers.map((w) => w.terminate()));
  await server.close();
  const received = latencies.length;
  return {
    clients,
    blocks,
    delivered: received,
    expected: clients * blocks,
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
  };
}

export async function benchGex(): Promise<Record<string, unknown>> {
  return {
    computeMs10kLines180Instruments: computeMs(book(false)),
    computeMs10kDistinctInstruments: computeMs(book(true)),
    goalComputeMs: 50,
    sse: await sseLatency(1_000, 10),
    goalSseP99Ms: 100,
  };
}
