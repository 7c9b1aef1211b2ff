import { expect } from "chai";
import fc from "fast-check";
import { createPriceHeap } from "../../src/model/cascade/createPriceHeap.js";
import { createRankHeap, handleIndex, handleMarket } from "../../src/model/cascade/createRankHeap.js";

// The textbook binary max-heap (sift-down compares the entry with its larger child at each level): the
// cascade's tie order among equal keys is this heap's, so the bottom-up pop must reproduce it exactly.
function textbookHeap() {
  const keys: number[] = [];
  const ids: number[] = [];
  const swap = (i: number, j: number) => {
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  };
  return {
    push(id: number, key: number) {
      keys.push(key);
      ids.push(id);
      let i = keys.length - 1;
      while (i > 0 && keys[(i - 1) >> 1]! < keys[i]!) {
        swap(i, (i - 1) >> 1);
        i = (i - 1) >> 1;
      }
    },
    popAtOrAbove(price: number) {
      const out: number[] = [];
      while (keys.length > 0 && keys[0]! >= price) {
        out.push(ids[0]!);
        const lastKey = keys.pop()!;
        const lastId = ids.pop()!;
        if (keys.length === 0) break;
        keys[0] = lastKey;
        ids[0] = lastId;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < keys.length && keys[l]! > keys[m]!) m = l;
          if (r < keys.length && keys[r]! > keys[m]!) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return out;
    },
  };
}

describe("cascade heaps", () => {
  it("invariant: the price heap pops exactly what a textbook heap pops, ties included, under interleaved pushes", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ push: fc.integer({ min: 0, max: 20 }) }),
            fc.record({ pop: fc.integer({ min: -1, max: 21 }) }),
          ),
          { maxLength: 400 },
        ),
        (ops) => {
          const heap = createPriceHeap(2);
          const reference = textbookHeap();
          let id = 0;
          for (const op of ops) {
            if ("push" in op) {
              heap.push(id, op.push);
              reference.push(id, op.push);
              id++;
            } else expect(heap.popAtOrAbove(op.pop)).to.deep.equal(reference.popAtOrAbove(op.pop));
          }
          expect(heap.popAtOrAbove(-Infinity)).to.deep.equal(reference.popAtOrAbove(-Infinity));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it("invariant: the rank heap pops by rank (highest first), ties by arrival, and retain keeps that order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 })), {
          maxLength: 300,
        }),
        fc.integer({ min: 0, max: 9 }),
        (entries, cut) => {
          const heap = createRankHeap(1);
          // Pushed in shuffled arrival order: seq, not push order, must break ties.
          const order = entries.map((_, seq) => seq).reverse();
          for (const seq of order) heap.push(entries[seq]![0], seq, entries[seq]![1], seq);
          const sorted = entries
            .map(([market, rank], seq) => ({ market, rank, seq }))
            .sort((a, b) => b.rank - a.rank || a.seq - b.seq);
          const removed = heap.retain((_market, index) => entries[index]![1] >= cut);
          expect(removed.map(handleIndex)).to.deep.equal(
            sorted.filter((e) => e.rank < cut).map((e) => e.seq),
          );
          const popped: { market: number; seq: number }[] = [];
          while (heap.size > 0) {
            const handle = heap.pop();
            popped.push({ market: handleMarket(handle), seq: handleIndex(handle) });
          }
          expect(popped).to.deep.equal(
            sorted.filter((e) => e.rank >= cut).map((e) => ({ market: e.market, seq: e.seq })),
          );
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
