import { pegMarketE8 } from "./pegPrice.js";
import { poolPriceE8 } from "./poolPrice.js";
import type { PegModel, PoolModel } from "./types.js";

/** Each asset's market price per block, 8 decimals, as the oracles observe it. */
export type MarketSeries = {
  /** The underlying's (the reference pool's price), index = block. */
  underlying: bigint[];
  /** Records a block's market: the reference pool's price, and each pegged asset's own pool's times it. */
  record(block: number, reference: PoolModel, pegPool: (peg: PegModel) => PoolModel): void;
  /** An asset's history: a pegged asset's own, any other the underlying's (the oracles' `marketE8`). */
  of(symbol: string): readonly bigint[];
};

/**
 * The market price histories the oracles read (`stepOracles`), kept the same way by the cascade and by the
 * chain-side oracle check: per block, the underlying at the reference pool and each pegged asset at
 * `pegMarketE8` of its own pool.
 *
 * @param pegs - the pegged assets.
 * @returns empty histories; `record` block 0 first.
 * @example const series = createMarketSeries(state.pegs); series.record(0, reference, (p) => poolById(state, p.poolId));
 */
export function createMarketSeries(pegs: readonly PegModel[]): MarketSeries {
  const underlying: bigint[] = [];
  const pegged = new Map<string, bigint[]>(pegs.map((p) => [p.symbol, []]));
  return {
    underlying,
    record(block, reference, pegPool) {
      underlying[block] = poolPriceE8(reference);
      for (const p of pegs) pegged.get(p.symbol)![block] = pegMarketE8(pegPool(p), underlying[block]!);
    },
    of: (symbol) => pegged.get(symbol) ?? underlying,
  };
}
