// The GEX feed in `npm run bench` (issue 19): one block's recomputation for a 10,000-line book (lines over
// 180 instruments, as position-level books are, and 10,000 distinct instruments), and Server-Sent Events
// delivery to 1,000 concurrent clients on loopback (p50/p99 from publication to each client's receipt).
import type { GexEvent, GexFeed } from "../src/feed/createGexFeed.js";
import { createGexServer } from "../src/feed/createGexServer.js";
import { gexSnapshot } from "../src/model/gex/gexSnapshot.js";
import type { OptionBook } from "../src/model/options/types.js";
import { readSseEvents } from "../src/testing/readSseEvents.js";

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
  const latencies: number[] = [];
  let received = 0;
  const abort = new AbortController();
  const readers = Array.from({ length: clients }, () =>
    readSseEvents(`${server.url}/v1/gex/stream`, abort.signal, (data) => {
      const event = JSON.parse(data) as { sentAt: number };
      latencies.push(performance.now() - event.sentAt);
      received++;
    }),
  );
  while (server.clients() < clients) await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  for (let b = 0; b < blocks; b++) {
    latest = {
      ...snapshot,
      block: String(b),
      timestamp: b,
      provenance: { chainId: 0, pool: "", books: "bench", startTimestamp: 0 },
      computeMs: 0,
      sentAt: performance.now(),
    } as GexEvent;
    for (const l of listeners) l(latest);
    await new Promise((r) => setTimeout(r, 100));
  }
  while (received < clients * blocks && performance.now() - t0 < 60_000)
    await new Promise((r) => setTimeout(r, 20));
  abort.abort();
  await Promise.allSettled(readers);
  await server.close();
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
