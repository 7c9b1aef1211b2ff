/**
 * A shock path with a further fall from a block on: the path itself up to `block`, then (held at its last
 * value past its end) scaled down by `furtherFall`, which arrives in equal steps over `rampBlocks` blocks.
 *
 * @param shock - the path per block as multiples of the start.
 * @param block - the last block the path is kept as it is.
 * @param furtherFall - the extra fall, a fraction (0.1 = 10% below where the path would be).
 * @param rampBlocks - blocks it takes to arrive.
 * @returns the new path (at least `block + rampBlocks + 1` long).
 * @example furtherFallPath([1, 0.9, 0.8], 1, 0.5, 2) // [1, 0.9, 0.6, 0.4]
 */
export function furtherFallPath(
  shock: readonly number[],
  block: number,
  furtherFall: number,
  rampBlocks: number,
): number[] {
  const length = Math.max(shock.length, block + rampBlocks + 1);
  const out: number[] = [];
  for (let b = 0; b < length; b++) {
    const base = shock[Math.min(b, shock.length - 1)]!;
    const ramp = b <= block ? 0 : Math.min(1, (b - block) / rampBlocks);
    out.push(base * (1 - furtherFall * ramp));
  }
  return out;
}
