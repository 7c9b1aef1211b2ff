// Half of a block's gamma picture on its own thread (createGexCompute): the books arrive once, summed by
// instrument as gexSnapshot sums them; each request is a spot and a time, each answer the flip and the
// dealers' delta 1% below the first `fallTo` profile prices, by gexSnapshot's own functions.
import { parentPort, workerData } from "node:worker_threads";
import { createGexKernel } from "../model/gex/createGexKernel.js";
import { byInstrument, gexGridPrices, profileFallDeltas } from "../model/gex/gexSnapshot.js";
import type { OptionBook } from "../model/options/types.js";
import { gammaNeutralityPrice } from "../model/thresholds/gammaNeutralityPrice.js";

const books = (workerData as { books: OptionBook[] }).books.map(byInstrument);
parentPort!.on("message", (m: { id: number; spot: number; timeSeconds: number; fallTo: number }) => {
  const started = performance.now();
  const prices = gexGridPrices(m.spot).slice(0, m.fallTo);
  const fallDeltas = profileFallDeltas(createGexKernel(books, m.timeSeconds), prices);
  const gammaFlip = gammaNeutralityPrice(books, m.spot, m.timeSeconds);
  parentPort!.postMessage({ id: m.id, gammaFlip, fallDeltas, ms: performance.now() - started });
});
