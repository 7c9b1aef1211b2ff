/**
 * The SSF search's bisection as a generator, so the model (synchronous) and the chain (asynchronous)
 * drive exactly the same bracket and stopping rule: it yields each shock depth to probe and is resumed
 * with whether that probe failed. It probes the top of the bracket (0.99) first; if that survives, it
 * returns null. Otherwise it halves [0, 0.99] until narrower than `precision` and returns the smallest
 * failing depth found (the last failing probe).
 *
 * @param precision - bracket width at which to stop (fraction of the shock).
 * @example
 * const search = bisectShock(0.001);
 * let step = search.next();
 * while (!step.done) step = search.next(probeFails(step.value));
 * const threshold = step.value;
 */
export function* bisectShock(precision: number): Generator<number, number | null, boolean> {
  let hi = 0.99;
  if (!(yield hi)) return null;
  let lo = 0;
  while (hi - lo > precision) {
    const mid = (lo + hi) / 2;
    if (yield mid) hi = mid;
    else lo = mid;
  }
  return hi;
}
