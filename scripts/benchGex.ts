// The GEX feed in `npm run bench` (issue 19): one block's recomputation for a 10,000-line book (lines over
// 180 instruments, as position-level books are, and 10,000 distinct instruments), and Server-Sent Events
// delivery to 1,000 concurrent clients on loopback (p50/p99 from publication to each client's receipt).

import { Worker } from "node:worker_threads";
import { createGexCompute } from "../src/feed/createGexCompute.js";
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

/** One thread's snapshot, median of 5 blocks, for the same books each block as a feed has them. */
function computeMs(b: OptionBook): number {
  const times: number[] = [];
  const books = [b];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    gexSnapshot(books, 3000 + k, 60 * k);
    times.push(performance.now() - t);
  }
  return round(quantile(times, 0.5));
}

/** The feed's compute (createGexCompute: half the work on a second thread), median of 10 blocks, and whether each equals gexSnapshot. */
async function computeParallelMs(b: OptionBook): Promise<{ ms: number; identical: boolean }> {
  const compute = createGexCompute([b], { parallel: true });
  try {
    const times: number[] = [];
    let identical = true;
    // A feed's steady state: twelve blocks, the first two (the worker's start, the split's first move) left out.
    for (let k = 0; k < 12; k++) {
      const t = performance.now();
      const s = await compute.snapshot(3000 + k, 60 * k);
      if (k > 1) times.push(performance.now() - t);
      identical &&= JSON.stringify(s) === JSON.stringify(gexSnapshot([b], 3000 + k, 60 * k));
    }
    return { ms: round(quantile(times, 0.5)), identical };
  } finally {
    await compute.stop();
  }
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
    // The feed's own path: the flip's root-finding on a second core, the same snapshot.
    feedComputeMs10kDistinctInstruments: await computeParallelMs(book(true)),
    goalComputeMs: 50,
    sse: await sseLatency(1_000, 10),
    goalSseP99Ms: 100,
  };
}
