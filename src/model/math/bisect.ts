import { ModelInputError } from "../../errors/ModelInputError.js";

/**
 * Root of a continuous f on [lo, hi] where f(lo) and f(hi) differ in sign, by bisection to `tolerance`.
 * @throws {ModelInputError} when the bracket has no sign change.
 */
export function bisect(
  f: (x: number) => number,
  lo: number,
  hi: number,
  tolerance: number,
  maxIterations = 200,
): number {
  let flo = f(lo);
  const fhi = f(hi);
  if (flo === 0) return lo;
  if (fhi === 0) return hi;
  if (Math.sign(flo) === Math.sign(fhi))
    throw new ModelInputError(`bisect: f(${lo}) and f(${hi}) have the same sign.`);
  for (let i = 0; i < maxIterations && hi - lo > tolerance; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}
