/**
 * A sort comparator for bigints (ascending): −1, 0 or 1, as Array.prototype.sort wants.
 *
 * @example [3n, 1n, 2n].sort(compareBigint); // [1n, 2n, 3n]
 */
export function compareBigint(a: bigint, b: bigint): number {
  return a > b ? 1 : a < b ? -1 : 0;
}
