import { MAX_UINT256 } from "../../lending/aave/calculateUserAccountData.js";
import { nextBaseFee } from "../../liquidators/nextBaseFee.js";
import { type LiquidationPlan, planLiquidation } from "../../liquidators/planLiquidation.js";
import type { LendingMarket } from "../../markets/types.js";
import { compareBigint } from "../../math/compareBigint.js";
import type { CascadeContext } from "../createCascadeContext.js";
import type { LiquidationQueues } from "../createLiquidationQueues.js";
import { type Bot, inventoryOf, type Race } from "../createRace.js";
import type { CascadeAction, RaceRound, RaceTag } from "../types.js";
import type { LiquidationStageResult } from "./liquidatePositions.js";

/** One bot's planned transaction: the position, what it asks to repay, the pair it names, its gas limit. */
type Planned = {
  bot: Bot;
  mi: number;
  index: number;
  /** The repay it sends (its plan's debt amount; MAX_UINT256 for an absorb). */
  debtToCover: bigint;
  collateral: string | undefined;
  debt: string;
  debtAmount: bigint;
};

/**
 * Stage 4 with competing bots (liquidators.bots), the seed's liquidation competition: every bot plans on
 * the same state (this block's oracle, before any liquidation) — each its own ordering, latency, pool,
 * minimum profit and gas price (base fee + its tip), up to its capacity, sized as planLiquidation sizes
 * one —, then the block is built as a fee-ordered block is: by tip (ties: bot order, then each bot's own
 * order), included while the planned gas limits fit the gas the block's other traffic leaves. The included
 * transactions execute in that order on the state as it becomes: a transaction whose position is no
 * longer liquidatable, which the protocol refuses, or whose sale no longer repays what it borrowed reverts
 * — and its bot still pays gas. The block's gas (other traffic plus every included attempt) sets the next
 * block's base fee (EIP-1559). Each market then settles (Comet's storefront sales).
 *
 * @param ctx - the cascade context at this block.
 * @param markets - the cascade's markets.
 * @param queues - the positions waiting by their keys.
 * @param race - the bots, the block and the base fee (advanced to the next block's).
 * @returns whether anything happened, the backlog that keeps the cascade going, and the block's race.
 */
export function raceLiquidations(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  queues: LiquidationQueues,
  race: Race,
): LiquidationStageResult & { round: RaceRound } {
  const threshold = ctx.prices.usd(ctx.state.underlying.symbol) * (1 - 1e-9);
  ctx.onAction?.({ block: ctx.block, kind: "blockFee", baseFeeWei: race.baseFeeWei });
  const candidates = liquidatableNow(ctx, markets, queues, race, threshold);
  const planned: Planned[] = [];
  let unplanned = 0;
  for (const bot of race.bots) {
    const mine = planBot(ctx, markets, queues, race, bot, candidates);
    planned.push(...mine.planned);
    unplanned = Math.max(unplanned, mine.overCapacity);
  }
  // The block: by tip, then bot, then the bot's own order (the sort is stable), within the gas room.
  planned.sort(
    (a, b) => compareBigint(b.bot.priorityFeeWei, a.bot.priorityFeeWei) || a.bot.index - b.bot.index,
  );
  const gasPerLiquidation = BigInt(ctx.state.liquidators.gasPerLiquidation);
  const room = race.block.gasLimit - race.block.backgroundGas;
  const round: RaceRound = { baseFeeWei: race.baseFeeWei, included: [], dropped: 0, gasUsed: 0 };
  let reserved = 0n;
  let gasUsed = race.block.backgroundGas;
  const out: LiquidationStageResult = { activity: false, capacityBacklog: 0 };
  const changed = new Set<number>();
  const priceUsd = Number(ctx.underlyingPriceE8) / 1e8;
  for (const tx of planned) {
    if (reserved + gasPerLiquidation > room) {
      round.dropped++;
      tx.bot.totals.dropped++;
      continue;
    }
    reserved += gasPerLiquidation;
    const won = execute(ctx, markets[tx.mi]!, tx);
    const gas = won ? gasPerLiquidation : race.block.failedAttemptGas;
    gasUsed += gas;
    const t = tx.bot.totals;
    t.sent++;
    t.gasUsed += Number(gas);
    t.gasCostUsd += Number(gas) * Number(race.baseFeeWei + tx.bot.priorityFeeWei) * 1e-18 * priceUsd;
    round.included.push({ bot: tx.bot.index, won });
    if (won) {
      t.won++;
      out.activity = true;
      // Its key and debt refreshed, it waits again (a later transaction reads the position itself).
      changed.add(handle(tx.mi, tx.index));
      queues.rescore(tx.mi, tx.index);
    } else t.reverted++;
  }
  // Every other candidate goes back to wait by its key.
  for (const { mi, index } of candidates)
    if (!changed.has(handle(mi, index))) queues.waiting[mi]!.push(index, queues.keys[mi]![index]!);
  const untouched = candidates.filter((c) => !changed.has(handle(c.mi, c.index))).length;
  ctx.round.backlog += untouched;
  // Work a bot could not take (capacity, the block's gas room, latency) keeps the cascade going.
  out.capacityBacklog = round.dropped + unplanned + hiddenByLatency(ctx, race, candidates);
  round.gasUsed = Number(gasUsed);
  const budget = { left: race.bots.reduce((n, b) => n + b.spec.capacityPerBlock, 0) };
  for (const market of markets) market.settle(budget);
  race.baseFeeWei = nextBaseFee({ baseFeeWei: race.baseFeeWei, gasUsed, gasLimit: race.block.gasLimit });
  return { ...out, round };
}

/** Every position liquidatable by its key at this block's oracle, noting since when (for latency). */
function liquidatableNow(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  queues: LiquidationQueues,
  race: Race,
  threshold: number,
): { mi: number; index: number }[] {
  const candidates: { mi: number; index: number }[] = [];
  const seen = new Set<number>();
  markets.forEach((_, mi) => {
    for (const index of queues.waiting[mi]!.popAtOrAbove(threshold)) {
      const key = handle(mi, index);
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({ mi, index });
      if (!race.since.has(key)) race.since.set(key, ctx.block);
    }
  });
  for (const key of race.since.keys()) if (!seen.has(key)) race.since.delete(key);
  return candidates;
}

/**
 * One bot's plan for the block: the candidates it can see (liquidatable for its latency), in its ordering,
 * each planned on the block's state, until its capacity is used (it simulates at most 4× its capacity).
 */
function planBot(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  queues: LiquidationQueues,
  race: Race,
  bot: Bot,
  candidates: readonly { mi: number; index: number }[],
): { planned: Planned[]; overCapacity: number } {
  const visible = candidates.filter(
    (c) => race.since.get(handle(c.mi, c.index))! <= ctx.block - bot.spec.latencyBlocks,
  );
  const rank =
    bot.spec.ordering === "largest-debt"
      ? (c: { mi: number; index: number }) => queues.debts[c.mi]![c.index]!
      : (c: { mi: number; index: number }) => queues.keys[c.mi]![c.index]!;
  visible.sort((a, b) => rank(b) - rank(a) || a.mi - b.mi || a.index - b.index);
  const planned: Planned[] = [];
  const capacity = bot.spec.capacityPerBlock;
  let scans = 4 * capacity;
  let i = 0;
  for (; i < visible.length && planned.length < capacity && scans-- > 0; i++) {
    const { mi, index } = visible[i]!;
    const planned0 = planLiquidation(ctx, bot.liquidators, markets[mi]!, index);
    if (typeof planned0 === "string") continue;
    const held = inventoryOf(bot, markets[mi]!.model);
    const plan = held ? withinCapital(bot, held, markets[mi]!, index, planned0) : planned0;
    if (!plan) continue;
    const q = plan.quote;
    planned.push({
      bot,
      mi,
      index,
      debtToCover: q.receive ? q.debt.amount : MAX_UINT256,
      collateral: q.receive?.symbol,
      debt: q.debt.symbol,
      debtAmount: q.debt.amount,
    });
  }
  return { planned, overCapacity: planned.length >= capacity ? visible.length - i : 0 };
}

/**
 * A bot with capital of its own sizes its liquidation within what its contract holds of the debt asset: the
 * plan as it is when that covers it; otherwise the protocol's quote for exactly what it holds (a partial
 * liquidation), priced and sent only when its sale still repays it, gas and the bot's minimum profit; none
 * when it holds none. A protocol action with nothing to sell (Comet's absorb) takes no capital.
 */
function withinCapital(
  bot: Bot,
  inventory: ReadonlyMap<string, bigint>,
  market: LendingMarket,
  index: number,
  plan: LiquidationPlan,
): LiquidationPlan | undefined {
  const q = plan.quote;
  if (!q.receive) return plan;
  const held = inventory.get(q.debt.symbol) ?? 0n;
  if (q.debt.amount <= held) return plan;
  if (held === 0n) return undefined;
  const quote = market.quote(index, held, { collateral: q.receive.symbol, debt: q.debt.symbol });
  if (
    typeof quote === "string" ||
    quote.receive?.symbol !== q.receive.symbol ||
    quote.debt.symbol !== q.debt.symbol
  )
    return undefined;
  const { liquidators } = bot;
  const sale = liquidators.quoteSale(quote.receive.symbol, quote.receive.amount, quote.debt.symbol);
  if (quote.receive.symbol !== quote.debt.symbol && sale.quote < quote.debt.amount) return undefined;
  const profitUsd = sale.usd - liquidators.repayUsd(quote.debt) - liquidators.gasUsd();
  return profitUsd < liquidators.minProfitUsd ? undefined : { quote, sale, profitUsd };
}

/**
 * Executes one included transaction on the state as it is now: the protocol quotes the bot's repay on the
 * pair it named; the bot's contract sells what it received and reverts unless that repays the debt it
 * borrowed. Records the action (tagged with the bot and its tip; a reverted one with why).
 *
 * @returns whether it liquidated.
 */
function execute(ctx: CascadeContext, market: LendingMarket, tx: Planned): boolean {
  const tag: RaceTag = { bot: tx.bot.index, botId: tx.bot.spec.id, priorityFeeWei: tx.bot.priorityFeeWei };
  // The pair it names (Aave), or what the protocol takes (Comet's absorb).
  const named = tx.collateral !== undefined ? { collateral: tx.collateral, debt: tx.debt } : undefined;
  const quote = market.quote(tx.index, tx.debtToCover, named);
  let reason: RaceTag["reverted"];
  if (typeof quote === "string") reason = quote;
  else if ((quote.receive?.symbol ?? undefined) !== tx.collateral || quote.debt.symbol !== tx.debt)
    // A protocol that picks the pair itself (Morpho's one pair aside) would now take another: not modelled.
    reason = "revert";
  if (reason || typeof quote === "string") {
    ctx.onAction?.(failedAction(ctx, market, tx, { ...tag, reverted: reason }));
    return false;
  }
  const { liquidators } = tx.bot;
  const sale = quote.receive
    ? liquidators.quoteSale(quote.receive.symbol, quote.receive.amount, quote.debt.symbol)
    : undefined;
  // Our liquidator repays its flash loan from the sale, in the debt asset: short of it, it reverts.
  if (sale && quote.receive!.symbol !== quote.debt.symbol && sale.quote < quote.debt.amount) {
    ctx.onAction?.(failedAction(ctx, market, tx, { ...tag, reverted: "unprofitable" }));
    return false;
  }
  const repayUsd = liquidators.repayUsd(quote.debt);
  const profitUsd = (sale?.usd ?? 0) - repayUsd - (sale ? liquidators.gasUsd() : 0);
  tx.bot.totals.grossProfitUsd += (sale?.usd ?? 0) - (sale ? repayUsd : 0);
  // Its own capital: repaid out of its contract's inventory, the sale's proceeds back into it.
  const inventory = inventoryOf(tx.bot, market.model);
  if (inventory && sale)
    inventory.set(
      quote.debt.symbol,
      (inventory.get(quote.debt.symbol) ?? 0n) - quote.debt.amount + sale.quote,
    );
  const outer = ctx.onAction;
  if (outer)
    ctx.onAction = (action) =>
      outer(
        action.kind === "liquidationCall"
          ? { ...action, race: tag, ...funding(tx, inventory) }
          : action.kind === "absorb"
            ? { ...action, race: tag }
            : action,
      );
  try {
    sale?.commit();
    quote.apply(sale, profitUsd);
  } finally {
    ctx.onAction = outer;
  }
  return true;
}

/** The action of a transaction the model says reverts: the same call, nothing expected of it. */
function failedAction(ctx: CascadeContext, market: LendingMarket, tx: Planned, race: RaceTag): CascadeAction {
  const positionId = market.model.positions[tx.index]!.id;
  if (tx.collateral === undefined)
    return {
      block: ctx.block,
      kind: "absorb",
      race,
      market: market.id,
      positionIndex: tx.index,
      positionId,
      base: tx.debt,
      debt: tx.debtAmount,
      expected: { basePaidOut: 0n, collateralAbsorbed: [] },
    };
  return {
    block: ctx.block,
    kind: "liquidationCall",
    race,
    ...funding(tx, inventoryOf(tx.bot, market.model)),
    market: market.id,
    positionIndex: tx.index,
    positionId,
    collateral: tx.collateral,
    debt: tx.debt,
    salePoolId: tx.bot.spec.pool ?? ctx.state.liquidators.pool,
    debtToCover: tx.debtToCover,
    expected: {
      debtRepaid: 0n,
      collateralSeized: 0n,
      protocolFee: 0n,
      saleProceeds: 0n,
      saleSqrtPriceX96After: 0n,
    },
  };
}

/** What a bot's transaction puts up: a flash loan of its planned repay, or that much of its own capital. */
function funding(tx: Planned, inventory: Map<string, bigint> | undefined) {
  return inventory ? { capitalAmount: tx.debtAmount } : { flashAmount: tx.debtAmount };
}

/** Candidates some bot cannot see yet for its latency (it will: the cascade must go on for them). */
function hiddenByLatency(
  ctx: CascadeContext,
  race: Race,
  candidates: readonly { mi: number; index: number }[],
): number {
  const slowest = Math.max(...race.bots.map((b) => b.spec.latencyBlocks));
  if (slowest === 0) return 0;
  return candidates.filter((c) => race.since.get(handle(c.mi, c.index))! > ctx.block - slowest).length;
}

function handle(mi: number, index: number): number {
  return mi * 2 ** 32 + index;
}
