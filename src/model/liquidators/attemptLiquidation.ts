import type { CascadeContext } from "../cascade/createCascadeContext.js";
import { saleProceedsUpperBound } from "../cascade/saleProceedsUpperBound.js";
import { MAX_UINT256 } from "../lending/aave/calculateUserAccountData.js";
import type { LendingMarket, LiquidationBound, LiquidationOutcome } from "../markets/types.js";
import { toFloat } from "../math/toFloat.js";
import type { Liquidators } from "./types.js";

/**
 * One liquidator's attempt on a position, whatever the protocol: the market quotes the largest liquidation
 * its rules allow (when the protocol's cash cannot pay it, and the scenario says so, the largest its cash
 * can pay); the liquidator sends it only when selling what it receives on its pool pays the repaid
 * debt, gas and its minimum profit. Liquidations that a float bound proves cannot pay are rejected before
 * the exact code runs (after a crash most re-examined positions are such near-misses); every liquidation
 * that takes place runs on the integers. A protocol action with nothing to sell (Comet's absorb) is applied
 * as quoted.
 *
 * @param ctx - the cascade context (its work counters).
 * @param liquidators - gas, the sale pool, sale quotes.
 * @param market - the position's market.
 * @param index - the position.
 * @returns the outcome (see LiquidationOutcome).
 */
export function attemptLiquidation(
  ctx: CascadeContext,
  liquidators: Liquidators,
  market: LendingMarket,
  index: number,
): LiquidationOutcome {
  if (market.bound) {
    // Markets that can bound a liquidation are those whose attempts the report's work counts.
    ctx.work.aaveAttempts++;
    if (ctx.provenUnprofitableSkip) {
      const bound = market.bound(index);
      if (bound && cannotPay(liquidators, bound)) {
        ctx.work.provenUnprofitable++;
        return "skip";
      }
    }
  }
  let quote = market.quote(index, MAX_UINT256);
  if (quote === "revert" && ctx.state.liquidators.whenCashShort === "repay-less" && market.affordableDebt) {
    // The protocol's cash cannot pay the largest liquidation: a bot repays what the cash can pay out.
    const affordable = market.affordableDebt(index);
    if (affordable !== undefined && affordable > 0n) quote = market.quote(index, affordable);
  }
  if (quote === "revert") return "skip";
  if (typeof quote === "string") return quote;
  if (!quote.receive) {
    quote.apply(undefined, 0);
    return "done";
  }
  const { state } = ctx;
  if (quote.receive.symbol === state.underlying.symbol) {
    // A sale into the pool fetches at most the pool's current price (the price only moves against the
    // seller, and the fee is taken): if even that cannot pay, skip without simulating the swap.
    const ceilingUsd =
      toFloat(quote.receive.amount, state.underlying.decimals) * liquidators.salePool().usd * (1 + 1e-9);
    if (ceilingUsd - quote.debt.usd - liquidators.gasUsd() < liquidators.minProfitUsd) return "skip";
  }
  const sold = liquidators.quoteSale(quote.receive.symbol, quote.receive.amount);
  const profitUsd = sold.usd - quote.debt.usd - liquidators.gasUsd();
  if (profitUsd < liquidators.minProfitUsd) return "skip";
  sold.commit();
  quote.apply(sold, profitUsd);
  return "done";
}

/**
 * Whether the bound proves the liquidation cannot pay: first at the sale pool's current price (the exact
 * path's ceiling check), then along the pool's liquidity (saleProceedsUpperBound), each with float
 * allowances counted against the skip.
 */
function cannotPay(liquidators: Liquidators, bound: LiquidationBound): boolean {
  const minProfitUsd = liquidators.minProfitUsd;
  const gas = liquidators.gasUsd();
  const sale = liquidators.salePool();
  const poolUsd = sale.usd * (1 + 1e-9);
  const ceilingUsd = bound.collateralMax * poolUsd * (1 + 1e-12);
  if (ceilingUsd - bound.debtUsdMin - gas < minProfitUsd) return true;
  const proceedsUsd =
    saleProceedsUpperBound(sale.pool, bound.collateralMax * 10 ** bound.collateralDecimals) /
    10 ** liquidators.quoteDecimals;
  return proceedsUsd * (1 + 1e-12) - bound.debtUsdMin - gas < minProfitUsd;
}
