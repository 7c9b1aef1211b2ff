import { getAmountOut } from "../amm/v2/UniswapV2Library.js";
import type { CascadeContext } from "../cascade/createCascadeContext.js";
import { poolById } from "../cascade/poolById.js";
import { poolPriceUsd } from "../cascade/poolPrice.js";
import { saleProceedsUpperBound } from "../cascade/saleProceedsUpperBound.js";
import { tradeOnPool } from "../cascade/tradeOnPool.js";
import type { PoolModel } from "../cascade/types.js";
import { MAX_UINT256 } from "../lending/aave/calculateUserAccountData.js";
import type {
  LendingMarket,
  LiquidationBound,
  LiquidationOutcome,
  LiquidationPair,
  LiquidationQuote,
} from "../markets/types.js";
import { toFloat } from "../math/toFloat.js";
import type { Liquidators, Sale } from "./types.js";

/**
 * A liquidation a liquidator would send, priced and not yet applied: the protocol's quote, the sale of
 * what it pays out (absent for a protocol action with nothing to sell, Comet's absorb) and the profit
 * (USD, after slippage and gas). `sale.commit()` then `quote.apply(sale, profitUsd)` carry it out.
 */
export type LiquidationPlan = { quote: LiquidationQuote; sale: Sale | undefined; profitUsd: number };

/** A priced liquidation with its sale. */
type Priced = { quote: LiquidationQuote; sale: Sale; profitUsd: number };

/**
 * What one liquidator would send for a position, whatever the protocol, computed on the current state and
 * changing nothing but the work counters (and a v3.0 market's booking of debt no liquidation can reach):
 * the market quotes the largest liquidation its rules allow (when the protocol's cash cannot pay it, and
 * the scenario says so, the largest its cash can pay); with `sizing: "most-profitable"` the liquidator then
 * repays the share of it whose sale pays most after slippage and gas (a float chooses which repay to
 * price; it is priced exactly, and the one sent is exact), so a partial liquidation is sent when the full
 * one does not pay, and where the protocol lets the liquidator name the collateral and the debt (Aave) it
 * prices every pair the position offers and sends the one that pays most; with `"largest"` it sends the
 * maximum of the largest pair or nothing. It sends only when the sale pays the
 * repaid debt, gas and its minimum profit. Liquidations a float bound proves cannot pay at any size are
 * rejected before the exact code runs. A protocol action with nothing to sell (Comet's absorb) is planned
 * as quoted.
 *
 * @param ctx - the cascade context (its work counters).
 * @param liquidators - gas, the sale pool, sale quotes.
 * @param market - the position's market.
 * @param index - the position.
 * @returns the plan, or why there is none (`healthy`, `skip`, `dead`: see LiquidationOutcome).
 */
export function planLiquidation(
  ctx: CascadeContext,
  liquidators: Liquidators,
  market: LendingMarket,
  index: number,
): LiquidationPlan | Exclude<LiquidationOutcome, "done"> {
  const { state } = ctx;
  // A mandated liquidation delay: the protocol would revert (Aave's grace period, Comet's paused absorb).
  if (ctx.liquidationHolds.has(market.id)) return "skip";
  const bestSize = state.liquidators.sizing === "most-profitable";
  if (market.bound) {
    // Markets that can bound a liquidation are those whose attempts the report's work counts.
    ctx.work.aaveAttempts++;
    if (ctx.provenUnprofitableSkip) {
      const bound = market.bound(index);
      if (
        bound &&
        cannotPay(liquidators, bound, { anySize: bestSize, underlyingDecimals: state.underlying.decimals })
      ) {
        ctx.work.provenUnprofitable++;
        return "skip";
      }
    }
  }
  const plan = planPair(ctx, liquidators, market, index, undefined);
  // A bot names the pair too (Aave): of every collateral/debt pair the position offers, the one that pays
  // it most (ties: the largest pair, the one priced first).
  const choosePair = bestSize && state.liquidators.pair === "most-profitable";
  const pairs = choosePair && plan !== "healthy" && plan !== "dead" ? market.pairs?.(index) : undefined;
  if (!pairs || pairs.length < 2) return plan;
  let best = typeof plan === "string" ? undefined : plan;
  for (const pair of pairs.slice(1)) {
    const other = planPair(ctx, liquidators, market, index, pair);
    if (typeof other !== "string" && (!best || other.profitUsd > best.profitUsd)) best = other;
  }
  return best ?? plan;
}

/**
 * planLiquidation for one pair: the named `pair`, or (undefined) the protocol's largest, with the
 * fallbacks for a reserve short of cash.
 */
function planPair(
  ctx: CascadeContext,
  liquidators: Liquidators,
  market: LendingMarket,
  index: number,
  pair: LiquidationPair | undefined,
): LiquidationPlan | Exclude<LiquidationOutcome, "done"> {
  const { state } = ctx;
  const bestSize = state.liquidators.sizing === "most-profitable";
  let quote = market.quote(index, MAX_UINT256, pair);
  if (pair) {
    if (typeof quote === "string") return quote === "revert" ? "skip" : quote;
  } else if (
    quote === "revert" &&
    state.liquidators.whenCashShort === "repay-less" &&
    market.affordableDebt
  ) {
    // The protocol's cash cannot pay the largest liquidation: a bot repays what the cash can pay out.
    const affordable = market.affordableDebt(index);
    if (affordable !== undefined && affordable > 0n) quote = market.quote(index, affordable);
  }
  if (
    !pair &&
    quote === "revert" &&
    state.liquidators.whenCashShort === "receive-atoken" &&
    market.quoteForATokens
  )
    // The reserve cannot pay the seizure out: a bot with inventory takes the collateral as aTokens.
    quote = market.quoteForATokens(index);
  if (quote === "revert") return "skip";
  if (typeof quote === "string") return quote;
  if (quote.heldUsd !== undefined) {
    const profitUsd = quote.heldUsd - quote.debt.usd - liquidators.gasUsd();
    return profitUsd < liquidators.minProfitUsd ? "skip" : { quote, sale: undefined, profitUsd };
  }
  if (!quote.receive) return { quote, sale: undefined, profitUsd: 0 };
  // The pool bounds below price an underlying sale for the quote asset; other pairs are priced as they are.
  const sellsUnderlying =
    quote.receive.symbol === state.underlying.symbol && quote.debt.symbol === state.quote.symbol;
  // A sale into the pools fetches at most their current prices (the price only moves against the seller,
  // and the fee is taken): if even that cannot pay, no share of it can (the margin scales with the share,
  // gas does not): skip without simulating the swaps.
  const ceilingUsd = liquidators.saleCeilingUsd(
    quote.receive.symbol,
    quote.receive.amount,
    quote.debt.symbol,
  );
  if (
    ceilingUsd !== undefined &&
    ceilingUsd - liquidators.repayUsd(quote.debt) - liquidators.gasUsd() < liquidators.minProfitUsd
  )
    return "skip";
  const full = price(liquidators, quote);
  // Only a sale into a pool slips: proceeds of the quote asset or at the oracle scale with the share. The
  // underlying sold for the quote on the liquidators' pool, or a pegged asset sold for its peg asset on its
  // own pool (one hop: an e-mode loop's wstETH for its WETH debt).
  const venue = bestSize ? saleVenue(ctx, liquidators, quote, sellsUnderlying) : undefined;
  const best = venue ? mostProfitable(market, index, full, venue, liquidators, pair) : full;
  if (best.profitUsd < liquidators.minProfitUsd) return "skip";
  return best;
}

function price(liquidators: Liquidators, quote: LiquidationQuote): Priced {
  const sale = liquidators.quoteSale(quote.receive!.symbol, quote.receive!.amount, quote.debt.symbol);
  return { quote, sale, profitUsd: sale.usd - liquidators.repayUsd(quote.debt) - liquidators.gasUsd() };
}

/**
 * Where a share of the liquidation is sold: the pool, its price (quote per base unit: USD on the
 * liquidators' pool, the peg asset on a pegged asset's own pool), the base's decimals, and what one unit
 * of the collateral costs in those units (undefined: the debt's USD over the collateral, for a sale of the
 * underlying for the quote).
 */
type SaleVenue = { pool: PoolModel; usd: number; baseDecimals: number; costPerUnit: number | undefined };

/**
 * Where a share of this liquidation's collateral would be sold: the liquidators' pool for the underlying
 * sold for the quote; a pegged asset's own pool for it sold for its peg asset (price and cost in the peg
 * asset); undefined for any other sale (it does not slip, or not on one pool).
 */
function saleVenue(
  ctx: CascadeContext,
  liquidators: Liquidators,
  quote: LiquidationQuote,
  sellsUnderlying: boolean,
): SaleVenue | undefined {
  const { state } = ctx;
  if (sellsUnderlying)
    return { ...liquidators.salePool(), baseDecimals: state.underlying.decimals, costPerUnit: undefined };
  const peg = state.pegs.find((g) => g.symbol === quote.receive!.symbol && g.asset === quote.debt.symbol);
  if (!peg) return undefined;
  const pool = poolById(state, peg.poolId);
  const collateral = toFloat(quote.receive!.amount, peg.decimals);
  const debt = toFloat(quote.debt.amount, ctx.state.underlying.decimals);
  return { pool, usd: poolPriceUsd(pool), baseDecimals: peg.decimals, costPerUnit: debt / collateral };
}

/**
 * The most profitable share of the largest liquidation. Its profit, proceeds(share · c) − share · D − gas
 * for c collateral paid against D of debt, is highest where the pool's marginal price after the sale,
 * less its fee, equals what the collateral costs, D / c: so the liquidator sells what moves the pool to
 * (D / c) / (1 − fee) (one price-limited trade on the model's pool math) and repays that share of D. The
 * float only chooses the repay; it is priced exactly, and kept only when it pays more than the full one.
 */
function mostProfitable(
  market: LendingMarket,
  index: number,
  full: Priced,
  venue: SaleVenue,
  liquidators: Liquidators,
  pair: LiquidationPair | undefined,
): Priced {
  const { pool, usd: spot } = venue;
  const fee = poolFee(pool);
  const collateral = toFloat(full.quote.receive!.amount, venue.baseDecimals);
  const breakEven = (venue.costPerUnit ?? full.quote.debt.usd / collateral) / (1 - fee);
  if (!(breakEven < spot)) return full;
  const moved = tradeOnPool(pool, {
    kind: "toPrice",
    ratioE18: BigInt(Math.floor((breakEven / spot) * 1e18)),
  });
  const sold = moved ? toFloat(-moved.underlyingDelta, venue.baseDecimals) : 0;
  if (!(sold < collateral)) return full;
  const repay = BigInt(Math.floor((sold / collateral) * Number(full.quote.debt.amount)));
  if (repay <= 0n) return full;
  const q = market.quote(index, repay, pair);
  if (typeof q === "string" || !q.receive) return full;
  const partial = price(liquidators, q);
  return partial.profitUsd > full.profitUsd ? partial : full;
}

/** A pool's swap fee as a fraction (V3 pips, V2 basis points). */
function poolFee(pool: PoolModel): number {
  return pool.kind === "uniswap-v3" ? pool.state.feePips / 1e6 : Number(pool.state.feeBps) / 1e4;
}

/** Where the sale pool's marginal price, less its fee, falls to k (USD per unit): what selling there fetches. */
type BreakEven = { soldUnits: number; proceedsUsd: number };
/** Per pool state (a sale replaces the pool object), per k on a 1e-7 log grid. */
const breakEvens = new WeakMap<object, Map<number, BreakEven>>();
const LOG_STEP = Math.log1p(1e-7);

function breakEven(
  liquidators: Liquidators,
  kKey: number,
  underlyingDecimals: number,
): BreakEven & { k: number } {
  const { pool, usd: spotUsd } = liquidators.salePool();
  // The grid point at or below k (exp rounding allowed for): an upper bound on what any share can earn.
  const k = Math.exp(kKey * LOG_STEP) * (1 - 1e-12);
  let byK = breakEvens.get(pool);
  if (!byK) {
    byK = new Map();
    breakEvens.set(pool, byK);
  }
  let known = byK.get(kKey);
  if (!known && pool.kind === "uniswap-v2") {
    // A pair's marginal output for input a is γ·x·y / (x + γa)²: it meets k (quote per underlying, in
    // raw units) at a = (√(γ·x·y / k) − x) / γ; what that input fetches is the pair's own getAmountOut.
    const [x, y] = pool.underlyingIsToken0
      ? [pool.state.reserve0, pool.state.reserve1]
      : [pool.state.reserve1, pool.state.reserve0];
    const gamma = 1 - Number(pool.state.feeBps) / 1e4;
    const kRaw = (k * 10 ** liquidators.quoteDecimals) / 10 ** underlyingDecimals;
    const a = (Math.sqrt((gamma * Number(x) * Number(y)) / kRaw) - Number(x)) / gamma;
    const input = a >= 1 ? BigInt(Math.floor(a)) : 0n;
    known =
      input > 0n
        ? {
            soldUnits: toFloat(input, underlyingDecimals),
            proceedsUsd: toFloat(getAmountOut(input, x, y, pool.state.feeBps), liquidators.quoteDecimals),
          }
        : { soldUnits: 0, proceedsUsd: 0 };
    byK.set(kKey, known);
  }
  if (!known) {
    const fee = poolFee(pool);
    const ratio = k / (1 - fee) / spotUsd;
    const moved =
      ratio < 1 ? tradeOnPool(pool, { kind: "toPrice", ratioE18: BigInt(Math.ceil(ratio * 1e18)) }) : null;
    known = moved
      ? {
          soldUnits: toFloat(-moved.underlyingDelta, underlyingDecimals),
          proceedsUsd: toFloat(moved.quoteDelta, liquidators.quoteDecimals),
        }
      : { soldUnits: 0, proceedsUsd: 0 };
    byK.set(kKey, known);
  }
  return { ...known, k };
}

/**
 * Whether the bound proves the liquidation cannot pay: first at the sale pool's current price (the exact
 * path's ceiling check, which holds for every share of it), then along the pool's liquidity
 * (saleProceedsUpperBound) for the largest liquidation — when only it is sent, or when it is the most
 * profitable size anyway (it sells no further than where the pool's marginal price, less the fee, still
 * covers the collateral's cost k = debt / collateral). When a smaller share would pay more, its profit
 * cannot exceed what selling to the break-even point fetches, less k per unit sold (profit is concave in
 * the share: on V3 the point is where the marginal price less the fee is k, on V2 where the pair's
 * marginal output is k): position-independent, so computed once per pool state and k. Every step has its
 * float allowances counted against the skip.
 */
function cannotPay(
  liquidators: Liquidators,
  bound: LiquidationBound,
  { anySize, underlyingDecimals }: { anySize: boolean; underlyingDecimals: number },
): boolean {
  const minProfitUsd = liquidators.minProfitUsd;
  const gas = liquidators.gasUsd();
  const sale = liquidators.salePool();
  const poolUsd = sale.usd * (1 + 1e-9);
  const ceilingUsd = bound.collateralMax * poolUsd * (1 + 1e-12);
  if (ceilingUsd - bound.debtUsdMin - gas < minProfitUsd) return true;
  if (anySize) {
    if (!(bound.debtUsdMin > 0)) return false;
    const kKey = Math.floor(Math.log(bound.debtUsdMin / bound.collateralMax) / LOG_STEP);
    const be = breakEven(liquidators, kKey, underlyingDecimals);
    if (bound.collateralMax > be.soldUnits) {
      // A share pays most: at most what selling to the break-even price earns over its cost.
      const bestUsd = (be.proceedsUsd - be.soldUnits * be.k) * (1 + 1e-9) + 1e-6 * bound.debtUsdMin + 0.01;
      return bestUsd - gas < minProfitUsd;
    }
  }
  const proceedsUsd =
    saleProceedsUpperBound(sale.pool, bound.collateralMax * 10 ** bound.collateralDecimals) /
    10 ** liquidators.quoteDecimals;
  return proceedsUsd * (1 + 1e-12) - bound.debtUsdMin - gas < minProfitUsd;
}
