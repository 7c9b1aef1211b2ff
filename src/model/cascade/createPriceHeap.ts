/**
 * A max-heap of position indices keyed by the underlying price at which each becomes liquidatable:
 * each block the cascade pops only the positions whose key is at or above the oracle price, so a
 * million healthy borrowers cost nothing. Keys are floats used for selection only; whether a
 * position is liquidatable is always decided by the exact integer health check.
 */
export type PriceHeap = {
  push(index: number, key: number): void;
  /** Pops every entry whose key ≥ `price`, in key order. */
  popAtOrAbove(price: number): number[];
  readonly size: number;
};

export function createPriceHeap(capacity = 16): PriceHeap {
  let keys = new Float64Array(capacity);
  let ids = new Int32Array(capacity);
  let size = 0;
  const swapAt = (i: number, j: number) => {
    const k = keys[i]!;
    keys[i] = keys[j]!;
    keys[j] = k;
    const d = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = d;
  };
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! >= keys[i]!) break;
      swapAt(i, parent);
      i = parent;
    }
  };
  // Refills the root after a pop with the last entry (keys[size]), bottom-up: the hole follows the larger
  // child (the left on a tie) to the bottom, then the entry climbs back while its parent's key is ≤ its own.
  // That leaves exactly the heap a plain sift-down gives (it moves the same children, those > the entry),
  // with about half the comparisons.
  const popRoot = () => {
    const key = keys[size]!;
    const id = ids[size]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const m = l + 1 < size && keys[l + 1]! > keys[l]! ? l + 1 : l;
      keys[i] = keys[m]!;
      ids[i] = ids[m]!;
      i = m;
    }
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! > key) break;
      keys[i] = keys[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    keys[i] = key;
    ids[i] = id;
  };
  return {
    get size() {
      return size;
    },
    push(index, key) {
      if (size === keys.length) {
        const k = new Float64Array(size * 2);
        k.set(keys);
        keys = k;
        const d = new Int32Array(size * 2);
        d.set(ids);
        ids = d;
      }
      keys[size] = key;
      ids[size] = index;
      up(size++);
    },
    popAtOrAbove(price) {
      const out: number[] = [];
      while (size > 0 && keys[0]! >= price) {
        out.push(ids[0]!);
        size--;
        popRoot();
      }
      return out;
    },
  };
}
