import { tradeOnPool } from "../cascade/tradeOnPool.js";
import type { BookModel, PoolModel } from "../cascade/types.js";
import { bookGreeks } from "../options/bookGreeks.js";

/** Where a 1% fall's hedge exceeded the pool's 1% capacity: a price range, highest price first. */
export type CrossoverRegion = { from: number; to: number };

/**
 * The hedge crossover: the highest price below spot at which the dealers' hedge for a further 1% fall
 * (|Δ(0.99·S) − Δ(S)| of underlying, for books hedging in this pool) exceeds what the pool absorbs in a
 * 1% fall from S. Past it, hedging a 1% move moves the price by more than 1%: the feedback gain exceeds
 * one and hedging drives the price. Scans 0.5% steps down to 20% of spot, the whole way: gamma is
 * concentrated near strikes, so hedging can drive the price in one range and not below it — every such
 * range is returned (`regions`), not only the first; `price` is the first one's top, null if never crossed.
 */
export function hedgeCrossoverPrice(
  pool: PoolModel,
  books: readonly BookModel[],
  spot: number,
): { price: number | null; flowAtSpot: number; capacityAtSpot: number; regions: CrossoverRegion[] } {
  const decimals = pool.underlyingIsToken0 ? pool.token0.decimals : pool.token1.decimals;
  const hedgers = books.filter((b) => b.poolId === pool.id);
  const stress = { drawdown: 0, realisedVol: 0 };
  const delta = (s: number) =>
    hedgers.reduce((sum, b) => sum + bookGreeks(b.book, { spot: s, timeSeconds: 0, stress }).delta, 0);
  const onePct = BigInt(Math.round(0.99 * 1e18));
  const halfPct = BigInt(Math.round(0.995 * 1e18));
  let current: PoolModel = pool;
  let price = spot;
  let flowAtSpot = 0;
  let capacityAtSpot = 0;
  const regions: CrossoverRegion[] = [];
  let open: CrossoverRegion | undefined;
  for (let step = 0; price > spot * 0.2; step++) {
    const flow = Math.abs(delta(price * 0.99) - delta(price));
    const moved = tradeOnPool(current, { kind: "toPrice", ratioE18: onePct });
    const capacity = moved ? Number(-moved.underlyingDelta) / 10 ** decimals : 0;
    if (step === 0) [flowAtSpot, capacityAtSpot] = [flow, capacity];
    if (flow > capacity) {
      if (open) open.to = price;
      else open = { from: price, to: price };
    } else if (open) {
      regions.push(open);
      open = undefined;
    }
    if (!moved) break;
    // Move the pool 0.5% down (two 0.5% steps ≈ the 1% window) and continue.
    const half = tradeOnPool(current, { kind: "toPrice", ratioE18: halfPct });
    if (!half) break;
    current = half.pool;
    price *= 0.995;
  }
  if (open) regions.push(open);
  return { price: regions[0]?.from ?? null, flowAtSpot, capacityAtSpot, regions };
}
