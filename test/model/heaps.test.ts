import { expect } from "chai";
import fc from "fast-check";
import { createPriceBuckets } from "../../src/model/cascade/createPriceBuckets.js";
import { createRankHeap, handleIndex, handleMarket } from "../../src/model/cascade/createRankHeap.js";

describe("cascade queues", () => {
  it("invariant: price buckets hand out exactly the keys at or above the price, under interleaved pushes", () => {
    const key = fc.oneof(
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      fc.constantFrom(0, -5, 1e-30, 1e30, Number.POSITIVE_INFINITY, 100, 100.00000000000001),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ push: key }), fc.record({ pop: key })), { maxLength: 300 }),
        (ops) => {
          const buckets = createPriceBuckets();
          const waiting = new Map<number, number>();
          let id = 0;
          for (const op of ops) {
            if ("push" in op) {
              buckets.push(id, op.push);
              waiting.set(id++, op.push);
            } else {
              const taken = buckets.popAtOrAbove(op.pop);
              const expected = [...waiting].filter(([, k]) => k >= op.pop).map(([i]) => i);
              expect([...taken].sort((a, b) => a - b)).to.deep.equal(expected);
              for (const i of expected) waiting.delete(i);
            }
            expect(buckets.size).to.equal(waiting.size);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it("invariant: the rank heap pops by rank (highest first), then arrival, then market and index; retain keeps that order", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            market: fc.integer({ min: 0, max: 2 }),
            rank: fc.integer({ min: 0, max: 9 }),
            seq: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 300 },
        ),
        fc.integer({ min: 0, max: 9 }),
        (drawn, cut) => {
          // Index = draw number, so (market, index) pairs are unique; pushed in reverse to defeat push order.
          const entries = drawn.map((e, index) => ({ ...e, index }));
          const heap = createRankHeap(1);
          for (const e of [...entries].reverse()) heap.push(e.market, e.index, e.rank, e.seq);
          const sorted = [...entries].sort(
            (a, b) => b.rank - a.rank || a.seq - b.seq || a.market - b.market || a.index - b.index,
          );
          const removed = heap.retain((_market, index) => entries[index]!.rank >= cut);
          expect(removed.map(handleIndex)).to.deep.equal(
            sorted.filter((e) => e.rank < cut).map((e) => e.index),
          );
          const popped: { market: number; index: number }[] = [];
          while (heap.size > 0) {
            const handle = heap.pop();
            popped.push({ market: handleMarket(handle), index: handleIndex(handle) });
          }
          expect(popped).to.deep.equal(
            sorted.filter((e) => e.rank >= cut).map((e) => ({ market: e.market, index: e.index })),
          );
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
