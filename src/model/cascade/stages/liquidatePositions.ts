import { attemptLiquidation } from "../../liquidators/attemptLiquidation.js";
import type { Liquidators } from "../../liquidators/types.js";
import type { LendingMarket, LiquidationOutcome } from "../../markets/types.js";
import type { Rng } from "../../random/createRng.js";
import type { CascadeContext } from "../createCascadeContext.js";
import type { LiquidationQueues } from "../createLiquidationQueues.js";
import { handleIndex, handleMarket, precedes } from "../createRankHeap.js";

/** What the liquidation stage leaves for the stop rule. */
export type LiquidationStageResult = {
  /** Whether a liquidation (or a protocol-side sale) happened. */
  activity: boolean;
  /** Liquidatable positions left only because the block's capacity ran out (this keeps the cascade going). */
  capacityBacklog: number;
};

type Budget = { left: number; scans: number };

/** What one block's liquidation stage works with, built once per block. */
type Stage = {
  ctx: CascadeContext;
  markets: readonly LendingMarket[];
  queues: LiquidationQueues;
  liquidators: Liquidators;
  /** The oracle price at or below which a position's key makes it liquidatable. */
  threshold: number;
  budget: Budget;
  out: LiquidationStageResult;
};

/**
 * Stage 4, margin contagion: liquidators take positions that the oracle price has made liquidatable, up
 * to their capacity (`count × capacityPerBlock` liquidations, at most 4× that many examined), in their
 * ordering — `random` (shuffled with the run's seed), or ranked by `largest-debt` / `lowest-health` —
 * each attempt a market's quote judged by the liquidators (attemptLiquidation); then each market settles
 * (Comet's storefront sales).
 *
 * @param ctx - the cascade context at this block (its round tally counts liquidations and backlog).
 * @param markets - the cascade's markets.
 * @param queues - the positions waiting and liquidatable across blocks.
 * @param liquidators - gas, sale pool and quotes.
 * @param rng - the run's seeded generator (random ordering).
 * @returns whether anything happened and the capacity backlog.
 */
export function liquidatePositions(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  queues: LiquidationQueues,
  liquidators: Liquidators,
  rng: Rng,
): LiquidationStageResult {
  const threshold = ctx.prices.usd(ctx.state.underlying.symbol) * (1 - 1e-9);
  const { count, capacityPerBlock, ordering } = ctx.state.liquidators;
  const left = count * capacityPerBlock;
  // Liquidators simulate at most 4× what they can execute per block before giving up on the rest.
  const stage: Stage = {
    ctx,
    markets,
    queues,
    liquidators,
    threshold,
    budget: { left, scans: 4 * left },
    out: { activity: false, capacityBacklog: 0 },
  };
  if (ordering === "random") takeInRandomOrder(stage, rng);
  else takeInRankedOrder(stage);
  for (const market of markets) market.settle(stage.budget);
  return stage.out;
}

/**
 * Every liquidatable position, shuffled with the run's seed from a fixed order: market by market, highest
 * key (most underwater) first, then position index.
 */
function takeInRandomOrder(stage: Stage, rng: Rng): void {
  const { ctx, markets, queues, threshold, budget, out } = stage;
  const candidates: { mi: number; index: number }[] = [];
  markets.forEach((_, mi) => {
    const taken = queues.waiting[mi]!.popAtOrAbove(threshold);
    const key = queues.keys[mi]!;
    taken.sort((a, b) => key[b]! - key[a]! || a - b);
    for (const index of taken) candidates.push({ mi, index });
  });
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  for (const { mi, index } of candidates) {
    let outcome: string;
    if (budget.left <= 0) outcome = "backlog";
    else if (budget.scans-- <= 0) outcome = "unscanned";
    else outcome = attempt(stage, mi, index);
    if (outcome === "done" || outcome === "dead") continue;
    if (outcome === "backlog" || outcome === "skip" || outcome === "unscanned") ctx.round.backlog++;
    if (outcome === "backlog") out.capacityBacklog++;
    queues.waiting[mi]!.push(index, queues.keys[mi]![index]!);
  }
}

/**
 * The liquidatable set persists across blocks, ranked (largest debt, or lowest health = highest key; ties
 * by arrival, then market and index): a block adds the positions its price newly reaches and scans from
 * the top, so the work per block follows what liquidators can do, not how many positions are underwater.
 * An entry's rank is fixed while it is in the set (a position's debt and key change only when it is
 * liquidated, and then it goes back to wait by its new key). The near-misses liquidators re-examine every
 * block stay in `front`, out of the heap.
 */
function takeInRankedOrder(stage: Stage): void {
  const { ctx, markets, queues, threshold, budget, out } = stage;
  const { keys, debts, waiting, active, arrival } = queues;
  const rankOf =
    ctx.state.liquidators.ordering === "largest-debt"
      ? (mi: number, index: number) => debts[mi]![index]!
      : (mi: number, index: number) => keys[mi]![index]!;
  if (threshold > queues.activeThreshold) {
    // The oracle rose: entries no longer liquidatable go back to wait.
    const backToWait = (handle: number) => {
      const mi = handleMarket(handle);
      const index = handleIndex(handle);
      waiting[mi]!.push(index, keys[mi]![index]!);
    };
    const liquidatable = (mi: number, index: number) => keys[mi]![index]! >= threshold;
    for (const handle of active.retain(liquidatable)) backToWait(handle);
    queues.front = queues.front.filter((handle) => {
      if (liquidatable(handleMarket(handle), handleIndex(handle))) return true;
      backToWait(handle);
      return false;
    });
  }
  queues.activeThreshold = threshold;
  markets.forEach((_, mi) => {
    for (const index of waiting[mi]!.popAtOrAbove(threshold)) {
      arrival[mi]![index] = ctx.block;
      active.push(mi, index, rankOf(mi, index), ctx.block);
    }
  });
  // Whether entry a goes before entry b: the heap's own order.
  const before = (a: number, b: number) => {
    const ma = handleMarket(a);
    const ia = handleIndex(a);
    const mb = handleMarket(b);
    const ib = handleIndex(b);
    return precedes(rankOf(ma, ia), arrival[ma]![ia]!, a, rankOf(mb, ib), arrival[mb]![ib]!, b);
  };
  const front = queues.front;
  const keep: number[] = [];
  let scanned = 0;
  let fi = 0;
  const available = front.length + active.size;
  for (; scanned < available && budget.left > 0 && budget.scans > 0; scanned++) {
    budget.scans--;
    const handle =
      fi < front.length && (active.size === 0 || before(front[fi]!, active.top()))
        ? front[fi++]!
        : active.pop();
    const mi = handleMarket(handle);
    const index = handleIndex(handle);
    const outcome = attempt(stage, mi, index);
    if (outcome === "done" || outcome === "dead") continue;
    if (outcome === "skip") ctx.round.backlog++;
    keep.push(handle);
  }
  // The rest wait: over capacity ("backlog", which keeps the cascade going) or past the scan limit.
  const rest = available - scanned;
  ctx.round.backlog += rest;
  if (budget.left <= 0) out.capacityBacklog += rest;
  // Kept entries precede everything not scanned, so they lead the new front, in order.
  queues.front = fi < front.length ? keep.concat(front.slice(fi)) : keep;
}

/**
 * One liquidator's attempt on a position; a done liquidation uses a unit of the block's budget and sends
 * the position back to wait by its new key.
 */
function attempt(stage: Stage, mi: number, index: number): LiquidationOutcome {
  const outcome = attemptLiquidation(stage.ctx, stage.liquidators, stage.markets[mi]!, index);
  if (outcome === "done") {
    stage.budget.left--;
    stage.out.activity = true;
    stage.queues.rescore(mi, index);
  }
  return outcome;
}
