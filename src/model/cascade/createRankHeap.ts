/**
 * A max-heap of liquidatable positions in a strict order: rank (highest first), then arrival (`seq`, lowest
 * first: the block a position became liquidatable), then market and position index (lowest first). Entries
 * are `(market, index)` pairs, each at most once; `pop` returns the best one as a handle
 * (`market · 2³² + index`, exact in a double, so handle order is market-then-index order) and the heap
 * allocates nothing per entry.
 */
export type RankHeap = {
  readonly size: number;
  push(market: number, index: number, rank: number, seq: number): void;
  /** Removes the best entry and returns its handle (see `handleMarket` / `handleIndex`). */
  pop(): number;
  /** The best entry's handle, left in place. */
  top(): number;
  /** Removes every entry `keep` rejects; returns the removed handles in heap order (best first). */
  retain(keep: (market: number, index: number) => boolean): number[];
};

const SPLIT = 2 ** 32;
export const handleMarket = (handle: number): number => Math.floor(handle / SPLIT);
export const handleIndex = (handle: number): number => handle % SPLIT;

/**
 * @param capacity Entries to allocate for up front (the heap grows past it).
 * @example
 * const heap = createRankHeap();
 * heap.push(0, 7, 1500, 3); // market 0, position 7, rank 1500 (its debt), liquidatable since block 3
 * handleIndex(heap.pop()); // 7
 */
/** Whether entry A (rank, seq, handle) goes before entry B in the heap's order. */
export const precedes = (
  rankA: number,
  seqA: number,
  handleA: number,
  rankB: number,
  seqB: number,
  handleB: number,
): boolean => rankA > rankB || (rankA === rankB && (seqA < seqB || (seqA === seqB && handleA < handleB)));

export function createRankHeap(capacity = 16): RankHeap {
  let ranks = new Float64Array(capacity);
  let seqs = new Float64Array(capacity);
  let handles = new Float64Array(capacity);
  let size = 0;
  const before = (a: number, b: number) =>
    precedes(ranks[a]!, seqs[a]!, handles[a]!, ranks[b]!, seqs[b]!, handles[b]!);
  const move = (from: number, to: number) => {
    ranks[to] = ranks[from]!;
    seqs[to] = seqs[from]!;
    handles[to] = handles[from]!;
  };
  const place = (at: number, rank: number, seq: number, handle: number) => {
    ranks[at] = rank;
    seqs[at] = seq;
    handles[at] = handle;
  };
  // Sift the entry (rank, seq, handle) into the hole at i, up or down.
  const siftUp = (i: number, rank: number, seq: number, handle: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (precedes(ranks[parent]!, seqs[parent]!, handles[parent]!, rank, seq, handle)) break;
      move(parent, i);
      i = parent;
    }
    place(i, rank, seq, handle);
  };
  const siftDown = (i: number, rank: number, seq: number, handle: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const m = l + 1 < size && before(l + 1, l) ? l + 1 : l;
      if (precedes(rank, seq, handle, ranks[m]!, seqs[m]!, handles[m]!)) break;
      move(m, i);
      i = m;
    }
    place(i, rank, seq, handle);
  };
  const grow = () => {
    const next = (a: Float64Array) => {
      const b = new Float64Array(Math.max(16, a.length * 2));
      b.set(a);
      return b;
    };
    ranks = next(ranks);
    seqs = next(seqs);
    handles = next(handles);
  };
  const popTop = () => {
    const handle = handles[0]!;
    size--;
    if (size > 0) siftDown(0, ranks[size]!, seqs[size]!, handles[size]!);
    return handle;
  };
  return {
    get size() {
      return size;
    },
    push(market, index, rank, seq) {
      if (size === ranks.length) grow();
      siftUp(size++, rank, seq, market * SPLIT + index);
    },
    pop() {
      if (size === 0) throw new RangeError("RankHeap.pop: the heap is empty.");
      return popTop();
    },
    top() {
      if (size === 0) throw new RangeError("RankHeap.top: the heap is empty.");
      return handles[0]!;
    },
    retain(keep) {
      const kept: number[] = [];
      const removed: number[] = [];
      while (size > 0) {
        const at = handles[0]!;
        const rank = ranks[0]!;
        const seq = seqs[0]!;
        popTop();
        if (keep(handleMarket(at), handleIndex(at))) kept.push(rank, seq, at);
        else removed.push(at);
      }
      // Re-inserted in order, each entry lands at the end of the array: already a valid heap.
      for (let k = 0; k < kept.length; k += 3) place(size++, kept[k]!, kept[k + 1]!, kept[k + 2]!);
      return removed;
    },
  };
}
