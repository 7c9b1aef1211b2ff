/** Sales already priced on one state of the pools they cross: what each amount in fetched. */
export type SalePoints = { amount: number; out: number }[];

/**
 * How far an integer output can fall below the concave curve through the exact swaps (each swap's
 * rounding, a route's first rounding carried through its second hop, an input too small to buy one unit),
 * raw units of the output: generous, since it only weakens the bound.
 */
const ROUNDING = 1e6;

/** At most this many points are kept per pool state (the newest). */
const MAX_POINTS = 64;

/**
 * An upper bound on what selling `amount` fetches on the pool states where `points` were priced, from
 * concavity alone: a swap's output grows with its input at the marginal price after it, which only falls
 * as more is sold (a route of such swaps likewise), so out/in never rises with the input and out never
 * falls. Hence out(a) ≤ c(p) for a ≤ p, and out(a) ≤ a · c(p)/p for a ≥ p, where c(p), the curve's value at
 * p, is at most the integer output there plus 1e-6 of it and ROUNDING.
 *
 * @param points - sales priced on these pool states.
 * @param amount - the input, same units as the points'.
 * @returns the bound on the output (+∞ with no point to bound it).
 * @example concaveSaleBound([{ amount: 1e18, out: 8e17 }], 2e18); // 2 · (8e17 · (1 + 1e-6) + 1e6)
 */
export function concaveSaleBound(points: SalePoints, amount: number): number {
  let bound = Number.POSITIVE_INFINITY;
  for (const p of points) {
    // The integer output of p is at most ROUNDING below the concave curve's value there.
    const onCurve = p.out * (1 + 1e-6) + ROUNDING;
    const b = amount <= p.amount ? onCurve : (amount * onCurve) / p.amount;
    if (b < bound) bound = b;
  }
  return bound;
}

/**
 * Records one priced sale.
 *
 * @param points - the pool states' points (edited in place).
 * @param amount - its input.
 * @param out - its output.
 */
export function recordSalePoint(points: SalePoints, amount: number, out: number): void {
  if (points.length >= MAX_POINTS) points.shift();
  points.push({ amount, out });
}
