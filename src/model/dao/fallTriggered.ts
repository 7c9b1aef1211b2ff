/**
 * Whether a fall trigger holds: the last price is at least `fallPct`% below the highest of it and the
 * `withinBlocks` before it.
 *
 * @param priceHistory - the market price per block, oldest first (the cascade's `priceHistory`).
 * @param trigger - the fall in percent and the window in blocks.
 * @returns whether it fires now.
 * @example fallTriggered([3000, 2900, 2650], { fallPct: 10, withinBlocks: 2 }) // true: 2650 ≤ 3000 × 0.9
 */
export function fallTriggered(
  priceHistory: readonly number[],
  trigger: { fallPct: number; withinBlocks: number },
): boolean {
  const last = priceHistory.length - 1;
  if (last < 0) return false;
  let high = 0;
  for (let i = Math.max(0, last - trigger.withinBlocks); i <= last; i++)
    high = Math.max(high, priceHistory[i]!);
  return priceHistory[last]! <= high * (1 - trigger.fallPct / 100);
}
