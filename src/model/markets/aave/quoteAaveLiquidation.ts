import { MathRevertError } from "../../../errors/MathRevertError.js";
import { WRITTEN_OFF } from "../../cascade/stages/tallyContagion.js";
import { MAX_UINT256, type UserAccountData } from "../../lending/aave/calculateUserAccountData.js";
import { executeLiquidationCall } from "../../lending/aave/executeLiquidationCall.js";
import type { AavePosition } from "../../lending/aave/types.js";
import { rayMul } from "../../lending/aave/WadRayMath.js";
import { saleRecord } from "../../liquidators/saleRecord.js";
import { pow10 } from "../../math/pow10.js";
import { addLoss } from "../splitLoss.js";
import type { LiquidationPair, LiquidationQuote } from "../types.js";
import { coverAaveDeficits } from "./coverAaveDeficits.js";
import { marketAccountData } from "./marketAccountData.js";
import { settleAaveInterest } from "./settleAaveInterest.js";
import type { AaveMarketRun } from "./types.js";

const E18 = 10n ** 18n;

/**
 * Aave's `liquidationCall` of one position as the rules allow it at this block's oracle prices: the largest
 * collateral against the largest debt (by value at the oracle), `debtToCover` as given (MAX_UINT256: all the
 * close factor lets through), on the mirrored integers (`executeLiquidationCall`, the market's profile). The
 * quote's `apply` replaces the position, books any bad debt (v3.6 deficit; v3.0 debt left with no
 * collateral) and records the liquidation. A position with debt and no seizable collateral is `dead`; under
 * v3.0 its debt is booked as unbacked once.
 *
 * @param run - the market in the cascade.
 * @param index - the position.
 * @param debtToCover - the most the liquidator repays, debt-asset units.
 * @param options - `receiveAToken`: the collateral is taken as aTokens, repaid from the liquidator's
 *   own inventory (no flash loan): nothing leaves the collateral reserve and nothing is sold. `pair`: the
 *   collateral and debt the liquidator names instead of the largest (`revert` when the position holds
 *   no seizable collateral or no debt of them, as the Pool's validation reverts).
 * @returns the quote, or `healthy`, `dead`, `revert`.
 */
export function quoteAaveLiquidation(
  run: AaveMarketRun,
  index: number,
  debtToCover: bigint,
  options: { receiveAToken?: boolean; pair?: LiquidationPair } = {},
): LiquidationQuote | "healthy" | "dead" | "revert" {
  const receiveAToken = options.receiveAToken ?? false;
  const { market, ctx } = run;
  const block = ctx.block;
  const position = market.positions[index]!;
  const prices = run.pricesE8();
  const account = marketAccountData(market, position, prices);
  if (account.healthFactor >= E18) return account.healthFactor === MAX_UINT256 ? "dead" : "healthy";
  const largest = largestPair(run, index, prices);
  if (largest.ci < 0 || largest.di < 0) {
    if (largest.di >= 0) bookUnbackedOnce(run, index, account.totalDebtBase, largest.di);
    return "dead";
  }
  const named = options.pair ? namedPair(run, index, options.pair) : largest;
  if (!named) return "revert";
  const { ci, di } = named;
  const result = liquidatePair(run, {
    position,
    prices,
    account,
    ci,
    di,
    debtToCover,
    withCash: true,
    receiveAToken,
  });
  if (result === undefined) return "revert";
  const collateralReserve = market.reserves[ci]!;
  const debtReserve = market.reserves[di]!;
  // Our liquidator flash-borrows the debt from this pool: the reserve must hold it (Aave reverts otherwise);
  // with collateral and debt in one reserve the seizure leaves it too before the repayment arrives (the
  // liquidation's transferFrom is its last step). Taking aTokens it repays from its own inventory instead.
  const outBeforeRepay = result.actualDebtToLiquidate + (ci === di ? result.actualCollateralToLiquidate : 0n);
  if (!receiveAToken && run.cash && run.cash[di]! < outBeforeRepay) return "revert";
  const debtUsd =
    (Number(result.actualDebtToLiquidate) / 10 ** debtReserve.decimals) * (Number(prices[di]!) / 1e8);
  return {
    debt: { symbol: debtReserve.symbol, amount: result.actualDebtToLiquidate, usd: debtUsd },
    ...(receiveAToken
      ? {
          heldUsd:
            (Number(result.actualCollateralToLiquidate) / 10 ** collateralReserve.decimals) *
            (Number(prices[ci]!) / 1e8),
        }
      : { receive: { symbol: collateralReserve.symbol, amount: result.actualCollateralToLiquidate } }),
    apply(sold, profitUsd) {
      const sale = saleRecord(sold, ctx.state.liquidators.pool);
      const saleQuote = sale.after.saleProceeds;
      market.positions[index] = result.position;
      if (result.cash) run.cash = result.cash;
      if (receiveAToken) {
        // Our liquidator now holds the seized scaled aTokens, to unwind once the reserve has cash.
        run.held[ci] = run.held[ci]! + result.seizedScaledCollateral!;
        const tally = run.unwound[ci]!;
        tally.takes++;
        tally.taken += result.actualCollateralToLiquidate;
      }
      ctx.onAction?.({
        block,
        kind: "liquidationCall",
        market: market.id,
        positionIndex: index,
        positionId: position.id,
        collateral: collateralReserve.symbol,
        debt: debtReserve.symbol,
        ...sale.route,
        ...(debtToCover !== MAX_UINT256 ? { debtToCover } : {}),
        ...(receiveAToken ? { receiveAToken: true as const } : {}),
        expected: {
          debtRepaid: result.actualDebtToLiquidate,
          collateralSeized: result.actualCollateralToLiquidate,
          protocolFee: result.liquidationProtocolFeeAmount,
          ...sale.after,
        },
      });
      const badDebt = bookLosses(run, index, result, { ci, di }, prices);
      // v3.0 taking aTokens leaves the collateral reserve alone (not even updated); v3.6 updates it.
      const touched = receiveAToken && market.profile === "v3.0" ? [di] : [ci, di];
      settleAaveInterest(run, position, result.position, touched, receiveAToken ? { unpriced: ci } : {});
      // The Umbrella covers what deficit the liquidation left, in the same block.
      if (badDebt > 0n && run.market.umbrella) coverAaveDeficits(run);
      ctx.round.liquidations++;
      ctx.round.liquidatedDebtUsd += debtUsd;
      ctx.round.collateralSoldUsd += sold?.usd ?? 0;
      if (ctx.recordEvents)
        ctx.events.push({
          block,
          market: market.id,
          kind: "liquidationCall",
          positionId: position.id,
          collateral: collateralReserve.symbol,
          debt: debtReserve.symbol,
          debtAmount: result.actualDebtToLiquidate.toString(),
          ...(debtToCover !== MAX_UINT256 ? { debtToCover: debtToCover.toString() } : {}),
          collateralAmount: result.actualCollateralToLiquidate.toString(),
          protocolFee: result.liquidationProtocolFeeAmount.toString(),
          badDebt: badDebt.toString(),
          saleProceeds: saleQuote.toString(),
          profitUsd,
          ...(receiveAToken ? { receiveAToken: true as const } : {}),
        });
    },
  };
}

/**
 * v3.0: debt with no collateral left is unbacked forever; nothing can liquidate it. Booked once: at the
 * liquidation that took the last collateral, or here for a position that started without any.
 */
function bookUnbackedOnce(run: AaveMarketRun, index: number, totalDebtBase: bigint, di: number): void {
  const { market, ctx } = run;
  if (market.profile !== "v3.0" || run.unbacked.has(index)) return;
  run.unbacked.add(index);
  run.realized.usd += Number(totalDebtBase) / 1e8;
  addLoss(run.realizedBy.usd, WRITTEN_OFF, Number(totalDebtBase) / 1e8);
  const r = market.reserves[di]!;
  const position = market.positions[index]!;
  if (ctx.recordEvents)
    ctx.events.push({
      block: ctx.block,
      market: market.id,
      kind: "liquidationCall",
      positionId: position.id,
      collateral: "",
      debt: r.symbol,
      debtAmount: "0",
      collateralAmount: "0",
      protocolFee: "0",
      badDebt: rayMul(position.scaledDebt[di]!, r.variableBorrowIndexRay).toString(),
      saleProceeds: "0",
      profitUsd: 0,
    });
}

/** A liquidation's losses: v3.0 debt left with no collateral (unbacked from now on), v3.6 deficits. */
function bookLosses(
  run: AaveMarketRun,
  index: number,
  result: ReturnType<typeof executeLiquidationCall>,
  pair: { ci: number; di: number },
  prices: readonly bigint[],
): bigint {
  const { market } = run;
  const { ci, di } = pair;
  const through = market.reserves[ci]!.symbol;
  let badDebt = 0n;
  if (market.profile === "v3.0") {
    // The last collateral seized: what debt remains is unbacked from this block on (as the chain's balances show).
    const after = result.position;
    const seizable = market.reserves.some(
      (r, i) =>
        after.usingAsCollateral[i] && r.liquidationThresholdBps !== 0n && after.scaledCollateral[i]! > 0n,
    );
    const left = seizable ? 0n : marketAccountData(market, after, prices).totalDebtBase;
    if (left > 0n) {
      run.unbacked.add(index);
      run.realized.usd += Number(left) / 1e8;
      addLoss(run.realizedBy.usd, through, Number(left) / 1e8);
      badDebt = rayMul(after.scaledDebt[di]!, market.reserves[di]!.variableBorrowIndexRay);
    }
  }
  result.deficit.forEach((amount, i) => {
    if (amount === 0n) return;
    badDebt += amount;
    run.deficit[i]! += amount;
    const by = run.realizedBy.deficit[i]!;
    by.set(through, (by.get(through) ?? 0n) + amount);
  });
  return badDebt;
}

/**
 * The pairs a liquidator may name for a position: each seizable collateral it holds (used as collateral,
 * a liquidation threshold above zero, a balance) against each debt it has, the largest pair first, then
 * in reserve order.
 */
export function aaveLiquidationPairs(run: AaveMarketRun, index: number): LiquidationPair[] {
  const { market } = run;
  const position = market.positions[index]!;
  const collaterals: string[] = [];
  const debts: string[] = [];
  market.reserves.forEach((r, i) => {
    if (
      position.usingAsCollateral[i] &&
      r.liquidationThresholdBps !== 0n &&
      position.scaledCollateral[i]! > 0n
    )
      collaterals.push(r.symbol);
    if (position.scaledDebt[i]! > 0n) debts.push(r.symbol);
  });
  if (collaterals.length * debts.length < 2) return [];
  const { ci, di } = largestPair(run, index, run.pricesE8());
  if (ci < 0 || di < 0) return [];
  const first = { collateral: market.reserves[ci]!.symbol, debt: market.reserves[di]!.symbol };
  const rest = collaterals.flatMap((collateral) =>
    debts
      .filter((debt) => collateral !== first.collateral || debt !== first.debt)
      .map((debt) => ({ collateral, debt })),
  );
  return [first, ...rest];
}

/** A named pair's reserves, when the position holds seizable collateral and debt of them. */
function namedPair(
  run: AaveMarketRun,
  index: number,
  pair: LiquidationPair,
): { ci: number; di: number } | undefined {
  const { market } = run;
  const position = market.positions[index]!;
  const ci = market.reserves.findIndex((r) => r.symbol === pair.collateral);
  const di = market.reserves.findIndex((r) => r.symbol === pair.debt);
  if (ci < 0 || di < 0) return undefined;
  const r = market.reserves[ci]!;
  if (
    !position.usingAsCollateral[ci] ||
    r.liquidationThresholdBps === 0n ||
    position.scaledCollateral[ci]! === 0n
  )
    return undefined;
  if (position.scaledDebt[di]! === 0n) return undefined;
  return { ci, di };
}

/** The reserves of the largest seizable collateral and the largest debt, by value at the oracle; −1 if none. */
function largestPair(
  run: AaveMarketRun,
  index: number,
  prices: readonly bigint[],
): { ci: number; di: number } {
  const { market } = run;
  const position = market.positions[index]!;
  let ci = -1;
  let di = -1;
  let best = -1n;
  let bestDebt = -1n;
  for (let i = 0; i < market.reserves.length; i++) {
    const r = market.reserves[i]!;
    const unit = pow10(r.decimals);
    const c =
      position.usingAsCollateral[i] && r.liquidationThresholdBps !== 0n
        ? (rayMul(position.scaledCollateral[i]!, r.liquidityIndexRay) * prices[i]!) / unit
        : 0n;
    const d = (rayMul(position.scaledDebt[i]!, r.variableBorrowIndexRay) * prices[i]!) / unit;
    if (c > best && c > 0n) {
      best = c;
      ci = i;
    }
    if (d > bestDebt && d > 0n) {
      bestDebt = d;
      di = i;
    }
  }
  return { ci, di };
}

/**
 * The largest `debtToCover` whose liquidation the reserves' cash can pay, when cash is why the largest one
 * reverts: the seized collateral must leave the collateral reserve, and our liquidator flash-borrows the
 * repayment from the debt reserve. Found by bisection on the exact code (each probe one
 * executeLiquidationCall without the cash; a probe the rules revert, e.g. for dust, counts as too large).
 *
 * @param run - the market in the cascade.
 * @param index - the position.
 * @returns the amount, or undefined when the cash is not what stops the largest liquidation (or the
 *   collateral is the debt asset itself).
 */
export function aaveAffordableDebt(run: AaveMarketRun, index: number): bigint | undefined {
  const { market } = run;
  const cash = run.cash;
  if (!cash) return undefined;
  const prices = run.pricesE8();
  const position = market.positions[index]!;
  const account = marketAccountData(market, position, prices);
  if (account.healthFactor >= E18) return undefined;
  const { ci, di } = largestPair(run, index, prices);
  if (ci < 0 || di < 0 || ci === di) return undefined;
  const liquidate = (debtToCover: bigint) =>
    liquidatePair(run, { position, prices, account, ci, di, debtToCover, withCash: false });
  const fits = (r: ReturnType<typeof liquidate>) =>
    r !== undefined && r.actualCollateralToLiquidate <= cash[ci]! && r.actualDebtToLiquidate <= cash[di]!;
  const full = liquidate(MAX_UINT256);
  if (full === undefined || fits(full)) return undefined;
  let lo = 0n;
  let hi = full.actualDebtToLiquidate;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (fits(liquidate(mid))) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

/**
 * `executeLiquidationCall` of one collateral/debt pair of a position at this block's prices, with or
 * without the reserves' cash; undefined where the contract would revert.
 */
function liquidatePair(
  run: AaveMarketRun,
  p: {
    position: AavePosition;
    prices: readonly bigint[];
    account: UserAccountData;
    ci: number;
    di: number;
    debtToCover: bigint;
    withCash: boolean;
    receiveAToken?: boolean;
  },
): ReturnType<typeof executeLiquidationCall> | undefined {
  const { market } = run;
  try {
    return executeLiquidationCall({
      profile: market.profile,
      reserves: market.reserves,
      prices: p.prices,
      position: p.position,
      collateralIndex: p.ci,
      debtIndex: p.di,
      debtToCover: p.debtToCover,
      account: p.account,
      ...(p.withCash && run.cash ? { cash: run.cash } : {}),
      ...(p.receiveAToken ? { receiveAToken: true } : {}),
      ...(market.eModeCategories.length > 0 ? { eModeCategories: market.eModeCategories } : {}),
    });
  } catch (error) {
    if (error instanceof MathRevertError) return undefined;
    throw error;
  }
}
