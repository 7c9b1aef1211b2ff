import type { TradeResult } from "../../cascade/tradeOnPool.js";
import { MAX_UINT256 } from "../../lending/aave/calculateUserAccountData.js";
import { normalizedIndices } from "../../lending/aave/ReserveLogic.js";
import { rayDiv, rayDivCeil, rayMul, rayMulFloor } from "../../lending/aave/WadRayMath.js";
import { saleRecord } from "../../liquidators/saleRecord.js";
import type { Sale } from "../../liquidators/types.js";
import { blockSeconds, settleAaveBurn } from "./settleAaveInterest.js";
import type { AaveMarketRun } from "./types.js";

/**
 * The aTokens our liquidator took (liquidationCall with receiveAToken, when the collateral reserve had no
 * cash to pay the seizure out), unwound once the reserve has cash again: after the block's liquidations,
 * for each reserve it holds, `Pool.withdraw` of all it holds (type(uint256).max: the scaled balance at the
 * block's normalised income, rounded down; v3.0 half up) or, when the cash is shorter, of exactly the cash
 * (rayDivCeil the index burned; v3.0 rayDiv half up), then the underlying sold for the quote asset as its liquidations sell (the quote
 * asset itself is kept as it is), as much of it as fetches at least (1 − unwindMaxSlippageBps) of its
 * oracle value (the largest such amount, by bisection on the pools' exact math). Mirrors SupplyLogic.executeWithdraw as the static aToken's redemption
 * does (settleAaveBurn: the reserve cumulated to this block, its virtual balance down, its rates
 * repriced). An unwind takes one unit of the block's liquidation budget and waits while what it fetches
 * would not pay its gas, or while the asset has no pool to be sold on.
 *
 * @param run - the market in the cascade (its `held` and `unwound` change).
 * @param budget - liquidations left this block (decremented per unwind).
 */
export function unwindAaveATokens(run: AaveMarketRun, budget: { left: number }): void {
  const { market, ctx, liquidators } = run;
  if (!run.cash) return;
  const quote = ctx.state.quote.symbol;
  market.reserves.forEach((r, i) => {
    const held = run.held[i]!;
    const cash = run.cash![i]!;
    if (held === 0n || cash === 0n || budget.left <= 0) return;
    const index = r.accrual
      ? normalizedIndices(r.accrual, blockSeconds(run)).liquidityIndexRay
      : r.liquidityIndexRay;
    // v3.6 rounds the balance down and the burn up; v3.0 both half up (its MAX burns the balance rayDiv
    // the index, which may differ from the scaled balance by a unit).
    const v30 = market.profile === "v3.0";
    const balance = v30 ? rayMul(held, index) : rayMulFloor(held, index);
    const fair = largestFairSale(run, i, balance <= cash ? balance : cash);
    if (!fair) return;
    const { amount: withdrawn, sale: sold } = fair;
    const all = withdrawn === balance;
    const scaled = v30 ? rayDiv(withdrawn, index) : all ? held : rayDivCeil(withdrawn, index);
    if (scaled === 0n || scaled > held) return;
    if (sold.usd <= liquidators.gasUsd()) return;
    sold.commit();
    const sale = saleRecord(sold, ctx.state.liquidators.pool);
    run.held[i] = held - scaled;
    settleAaveBurn(run, i, { scaled, cashOut: withdrawn });
    const tally = run.unwound[i]!;
    tally.withdrawn += withdrawn;
    tally.proceeds += sale.after.saleProceeds;
    tally.unwinds++;
    budget.left--;
    ctx.round.collateralSoldUsd += sold.usd;
    ctx.onAction?.({
      block: ctx.block,
      kind: "unwindATokens",
      market: market.id,
      asset: r.symbol,
      proceedsAsset: quote,
      amount: all ? MAX_UINT256 : withdrawn,
      ...sale.route,
      expected: { withdrawn, ...sale.after },
    });
    if (ctx.recordEvents)
      ctx.events.push({
        block: ctx.block,
        market: market.id,
        kind: "unwindATokens",
        positionId: "",
        collateral: r.symbol,
        debt: quote,
        debtAmount: "0",
        collateralAmount: withdrawn.toString(),
        protocolFee: "0",
        badDebt: "0",
        saleProceeds: sale.after.saleProceeds.toString(),
        profitUsd: 0,
      });
  });
}

/**
 * The largest amount up to `most` of reserve `i`'s underlying whose sale fetches at least (1 −
 * unwindMaxSlippageBps) of its value at the oracle (a sale's average price only falls as it grows), with
 * that sale's quote (not committed); undefined when none does or there is no pool to sell it on. Bisection
 * to a millionth of `most`, rounded down.
 */
function largestFairSale(
  run: AaveMarketRun,
  i: number,
  most: bigint,
): { amount: bigint; sale: Sale } | undefined {
  const { ctx, liquidators, market } = run;
  const r = market.reserves[i]!;
  if (most === 0n) return undefined;
  const floor = 1 - ctx.state.liquidators.unwindMaxSlippageBps / 10_000;
  const usd = ctx.prices.usd(r.symbol);
  const fair = (amount: bigint) => {
    const sale = liquidators.quoteSale(r.symbol, amount);
    if (r.symbol !== ctx.state.quote.symbol && !sale.trade) return undefined;
    // A swap that runs its pool to the price limit before its input is spent has drained that side (and
    // on chain walks every empty tick to the limit): no fair sale.
    if (!filled(sale.hop) || !filled(sale.trade)) return undefined;
    return sale.usd >= (Number(amount) / 10 ** r.decimals) * usd * floor ? sale : undefined;
  };
  const whole = fair(most);
  if (whole) return { amount: most, sale: whole };
  let best: { amount: bigint; sale: Sale } | undefined;
  let lo = 0n;
  let hi = most;
  const step = most >> 20n;
  while (hi - lo > step) {
    const mid = (lo + hi) / 2n;
    const sale = mid > 0n ? fair(mid) : undefined;
    if (sale) {
      lo = mid;
      best = { amount: mid, sale };
    } else hi = mid;
  }
  return best;
}

/** Whether a v3 exact-input swap spent all its input (a v2 swap always does). */
function filled(trade: TradeResult | undefined): boolean {
  const call = trade?.call;
  if (!call) return true;
  return (call.zeroForOne ? call.amount0 : call.amount1) === call.amountSpecified;
}
