import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { gexGridPrices, gexSnapshot, startGexSnapshot } from "../model/gex/gexSnapshot.js";
import type { GexSnapshot } from "../model/gex/types.js";
import type { OptionBook } from "../model/options/types.js";

/** Below this many lines a block's picture takes a few ms: a second thread would cost more than it saves. */
const PARALLEL_FROM_LINES = 2_000;

/**
 * A block's gamma picture for the feed, using a second core for large books: the flip's root-finding and
 * the deltas 1% below each profile price (about half the work) run on a worker thread while this one
 * computes the rest. Each evaluation is the same code summing in the same
 * order, so the snapshot is exactly gexSnapshot's. Small books, or one core, compute on this thread.
 *
 * @param books - the option books (sent to the worker once).
 * @param parameters - `parallel`: off forces one thread (default: on for books of 2,000 lines or more when
 *   the machine has two cores).
 * @returns `snapshot(spot, timeSeconds)` and `stop()` (ends the worker).
 */
export function createGexCompute(
  books: readonly OptionBook[],
  parameters: { parallel?: boolean } = {},
): { snapshot(spot: number, timeSeconds: number): Promise<GexSnapshot>; stop(): Promise<void> } {
  const lines = books.reduce((n, b) => n + b.options.length, 0);
  const parallel = parameters.parallel ?? (lines >= PARALLEL_FROM_LINES && availableParallelism() > 1);
  if (!parallel)
    return {
      snapshot: async (spot, timeSeconds) => gexSnapshot(books, spot, timeSeconds),
      stop: async () => {},
    };
  const worker = new Worker(new URL("./gexFlipWorker.ts", import.meta.url), {
    workerData: { books },
    // The worker is TypeScript too: tsx's loader, resolved from here (not from the working directory).
    execArgv: ["--import", import.meta.resolve("tsx")],
  });
  worker.unref();
  type Part = { gammaFlip: number | null; fallDeltas: number[]; ms: number };
  const waiting = new Map<number, { resolve: (part: Part) => void; reject: (e: Error) => void }>();
  let next = 0;
  // How many of the profile's fallen deltas the worker takes (the rest are this thread's): moved each
  // block towards where both threads finish together. Who computes a number never changes it.
  const grid = gexGridPrices(1).length;
  let fallTo = Math.floor(grid / 2);
  worker.on("message", (m: Part & { id: number }) => {
    waiting.get(m.id)?.resolve(m);
    waiting.delete(m.id);
  });
  worker.on("error", (error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  });
  return {
    async snapshot(spot, timeSeconds) {
      const id = next++;
      const part = new Promise<Part>((resolve, reject) => waiting.set(id, { resolve, reject }));
      const split = fallTo;
      worker.postMessage({ id, spot, timeSeconds, fallTo: split });
      // This thread computes the spot's and the grid's GEX and deltas, the strikes, the walls and the last
      // fallen deltas while the worker finds the flip and the first ones; the snapshot is finished with both.
      const t0 = performance.now();
      const started = startGexSnapshot(books, spot, timeSeconds);
      const mine = started.fallDeltas(split, grid);
      const ms = performance.now() - t0;
      const theirs = await part;
      const perDelta = (ms + theirs.ms) / (grid + 40);
      const shift = Math.round((ms - theirs.ms) / 2 / Math.max(perDelta, 1e-3));
      fallTo = Math.min(grid, Math.max(0, split + shift));
      return started.finish({ gammaFlip: theirs.gammaFlip, fallDeltas: [...theirs.fallDeltas, ...mine] });
    },
    async stop() {
      await worker.terminate();
    },
  };
}
