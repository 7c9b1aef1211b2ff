// A worker of `npm run bench`'s GEX section: opens `clients` SSE streams to the feed and reports, per event
// received, the time from its publication (`sentAt`, absolute ms) to its receipt here. The clients run
// off the server's thread, as real subscribers do, so the measure is the server's delivery.
import { parentPort, workerData } from "node:worker_threads";
import { readSseEvents } from "../src/testing/readSseEvents.js";

const { url, clients, expected } = workerData as { url: string; clients: number; expected: number };
const now = () => performance.timeOrigin + performance.now();
const latencies: number[] = [];
const abort = new AbortController();
const sentAt = /"sentAt":([0-9.]+)/;
const readers = Array.from({ length: clients }, () =>
  readSseEvents(url, abort.signal, (data) => {
    const m = sentAt.exec(data.slice(0, 64));
    if (m) latencies.push(now() - Number(m[1]));
    if (latencies.length >= expected) abort.abort();
  }),
);
parentPort!.postMessage({ ready: true });
const timer = setTimeout(() => abort.abort(), 60_000);
await Promise.allSettled(readers);
clearTimeout(timer);
parentPort!.postMessage({ latencies });
