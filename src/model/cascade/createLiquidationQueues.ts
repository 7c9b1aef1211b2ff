import type { LendingMarket } from "../markets/types.js";
import { createPriceBuckets, type PriceBuckets } from "./createPriceBuckets.js";
import { createRankHeap, type RankHeap } from "./createRankHeap.js";

/**
 * The liquidators' view of every market's positions across blocks: each position's float key and debt
 * (recomputed only when a liquidation changes it), the positions waiting by the price at which they become
 * liquidatable (`waiting`, per market), and, for the ranked orderings, the liquidatable set (`front`:
 * entries scanned and kept in earlier blocks, best first, merged with the `active` heap) with the block
 * each entry joined it (`arrival`, which breaks rank ties before market and index).
 */
export type LiquidationQueues = {
  keys: Float64Array[];
  debts: Float64Array[];
  waiting: PriceBuckets[];
  front: number[];
  active: RankHeap;
  arrival: Int32Array[];
  /** The lowest underlying price at or above which a position not liquidatable now becomes so (riseKey). */
  riseMin: number;
  /** The oracle threshold the liquidatable set was last filled at (+∞ before the first block). */
  activeThreshold: number;
  /** Position `index` of market `mi` changed: refresh its key and debt and put it back to wait. */
  rescore(mi: number, index: number): void;
};

/**
 * Queues over the markets' positions at the current oracle prices.
 *
 * @param markets - the cascade's markets, in scenario order (their index is the queues' market number).
 * @returns the queues, every position with debt waiting by its key.
 * @example const queues = createLiquidationQueues(markets); queues.waiting[0]!.popAtOrAbove(2500);
 */
export function createLiquidationQueues(markets: readonly LendingMarket[]): LiquidationQueues {
  const keys = markets.map((m) => fill(new Float64Array(m.positionCount), (i) => m.key(i)));
  const debts = markets.map((m) => fill(new Float64Array(m.positionCount), (i) => m.debtUsd(i)));
  let riseMin = Number.POSITIVE_INFINITY;
  for (const m of markets)
    if (m.riseKey) for (let i = 0; i < m.positionCount; i++) riseMin = Math.min(riseMin, m.riseKey(i));
  const waiting = markets.map((_, mi) => {
    const buckets = createPriceBuckets();
    const key = keys[mi]!;
    for (let i = 0; i < key.length; i++) if (key[i] !== Number.NEGATIVE_INFINITY) buckets.push(i, key[i]!);
    return buckets;
  });
  return {
    keys,
    debts,
    waiting,
    front: [],
    active: createRankHeap(
      Math.max(
        16,
        markets.reduce((n, m) => n + m.positionCount, 0),
      ),
    ),
    arrival: markets.map((m) => new Int32Array(m.positionCount)),
    riseMin,
    activeThreshold: Number.POSITIVE_INFINITY,
    rescore(mi, index) {
      const market = markets[mi]!;
      market.refresh(index);
      keys[mi]![index] = market.key(index);
      if (market.riseKey) this.riseMin = Math.min(this.riseMin, market.riseKey(index));
      debts[mi]![index] = market.debtUsd(index);
      const key = keys[mi]![index]!;
      if (key !== Number.NEGATIVE_INFINITY) waiting[mi]!.push(index, key);
    },
  };
}

function fill(array: Float64Array, value: (index: number) => number): Float64Array {
  for (let i = 0; i < array.length; i++) array[i] = value(i);
  return array;
}
