/**
 * Positions waiting to become liquidatable, keyed by the underlying price at or below which each does
 * (a float used for selection only; the exact integer health check decides). Each block the cascade takes
 * the positions whose key is at or above the oracle price, so a million healthy borrowers cost nothing.
 *
 * Keys are kept in buckets 1/64 of a doubling wide (boundaries fixed in advance, so bucketing is monotone):
 * a take empties whole buckets above the price and filters only the one the price falls in. That is
 * linear in what is taken, where a heap pays a logarithm per entry. Taken entries come out bucket by
 * bucket, not sorted: callers that need an order impose their own.
 */
export type PriceBuckets = {
  push(index: number, key: number): void;
  /** Removes and returns every entry whose key is ≥ `price`. */
  popAtOrAbove(price: number): number[];
  readonly size: number;
};

const PER_DOUBLING = 64;
const MIN_EXP = -64;
const MAX_EXP = 64;
// bounds[b] is bucket b's lowest key; bucket 0 also holds every key below bounds[1] (≤ 0, tiny, NaN-free).
const bounds = Float64Array.from(
  { length: (MAX_EXP - MIN_EXP) * PER_DOUBLING + 1 },
  (_, b) => 2 ** (MIN_EXP + b / PER_DOUBLING),
);
bounds[0] = Number.NEGATIVE_INFINITY;

/**
 * The bucket holding `key`: the last b with bounds[b] ≤ key. A log2 guess, then corrected against the
 * bounds themselves, so bucketing is exactly monotone whatever the float log does.
 */
function bucketOf(key: number): number {
  if (!(key >= bounds[1]!)) return 0;
  const last = bounds.length - 1;
  let b = key >= bounds[last]! ? last : Math.floor((Math.log2(key) - MIN_EXP) * PER_DOUBLING);
  if (b < 1) b = 1;
  else if (b > last) b = last;
  while (bounds[b]! > key) b--;
  while (b < last && bounds[b + 1]! <= key) b++;
  return b;
}

/**
 * @example
 * const waiting = createPriceBuckets();
 * waiting.push(7, 2450); // position 7 becomes liquidatable at an oracle price of 2,450 or below
 * waiting.popAtOrAbove(2500); // [] — waiting.popAtOrAbove(2400) → [7]
 */
export function createPriceBuckets(): PriceBuckets {
  const ids: (number[] | undefined)[] = new Array(bounds.length);
  const keys: (number[] | undefined)[] = new Array(bounds.length);
  let top = -1; // highest bucket that may be non-empty
  let size = 0;
  return {
    get size() {
      return size;
    },
    push(index, key) {
      const b = bucketOf(key);
      if (!ids[b]) {
        ids[b] = [];
        keys[b] = [];
      }
      ids[b].push(index);
      keys[b]!.push(key);
      if (b > top) top = b;
      size++;
    },
    popAtOrAbove(price) {
      const out: number[] = [];
      const floor = bucketOf(price);
      for (; top > floor; top--) {
        const bucketIds = ids[top];
        if (!bucketIds) continue;
        for (let i = 0; i < bucketIds.length; i++) out.push(bucketIds[i]!);
        size -= bucketIds.length;
        ids[top] = undefined;
        keys[top] = undefined;
      }
      const bucketIds = ids[floor];
      if (top === floor && bucketIds) {
        // The price's own bucket: take what is at or above it, keep the rest in place.
        const bucketKeys = keys[floor]!;
        let kept = 0;
        for (let i = 0; i < bucketIds.length; i++) {
          if (bucketKeys[i]! >= price) out.push(bucketIds[i]!);
          else {
            bucketIds[kept] = bucketIds[i]!;
            bucketKeys[kept] = bucketKeys[i]!;
            kept++;
          }
        }
        size -= bucketIds.length - kept;
        bucketIds.length = kept;
        bucketKeys.length = kept;
      }
      return out;
    },
  };
}
