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
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && keys[l]! > keys[m]!) m = l;
      if (r < size && keys[r]! > keys[m]!) m = r;
      if (m === i) return;
      swapAt(i, m);
      i = m;
    }
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
        keys[0] = keys[size]!;
        ids[0] = ids[size]!;
        down(0);
      }
      return out;
    },
  };
}
