// Mirrors @uniswap/v3-core 1.0.1 contracts/libraries/TickBitmap.sol#nextInitializedTickWithinOneWord.
// The bitmap is replaced by a sorted array, but the word boundaries (256 compressed ticks) are kept:
// a swap step ends at a word boundary even where no tick is initialised, and that changes rounding.
import type { V3Tick } from "./types.js";

/** Index of the last tick with index ≤ `tick` in the sorted array, or -1. */
function lastAtOrBelow(ticks: readonly V3Tick[], tick: number): number {
  let lo = 0;
  let hi = ticks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ticks[mid]!.index <= tick) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The next initialised tick within the same bitmap word as `tick` (to the left when `lte`, else to
 * the right), or the word's last tick in that direction if none is initialised.
 * @returns `[next, initialized, arrayIndex]`; arrayIndex points into `ticks` when initialised.
 */
export function nextInitializedTickWithinOneWord(
  ticks: readonly V3Tick[],
  tick: number,
  tickSpacing: number,
  lte: boolean,
): [number, boolean, number] {
  let compressed = Math.trunc(tick / tickSpacing);
  if (tick < 0 && tick % tickSpacing !== 0) compressed--;
  if (lte) {
    const wordStart = (compressed >> 8) << 8;
    const i = lastAtOrBelow(ticks, compressed * tickSpacing);
    if (i >= 0 && ticks[i]!.index >= wordStart * tickSpacing) return [ticks[i]!.index, true, i];
    return [wordStart * tickSpacing, false, -1];
  }
  const start = compressed + 1;
  const wordEnd = ((start >> 8) << 8) + 255;
  const i = lastAtOrBelow(ticks, start * tickSpacing - 1) + 1;
  if (i < ticks.length && ticks[i]!.index <= wordEnd * tickSpacing) return [ticks[i]!.index, true, i];
  return [wordEnd * tickSpacing, false, -1];
}
