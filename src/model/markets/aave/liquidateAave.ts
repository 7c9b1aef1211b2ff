import { MathRevertError } from "../../../errors/MathRevertError.js";
import { calculateUserAccountData, MAX_UINT256 } from "../../lending/aave/calculateUserAccountData.js";
import { executeLiquidationCall } from "../../lending/aave/executeLiquidationCall.js";
import { rayMul } from "../../lending/aave/WadRayMath.js";
import { pow10 } from "../../math/pow10.js";
import { toFloat } from "../../math/toFloat.js";
import type { LiquidationOutcome } from "../types.js";
import { cannotPayAtPoolPrice } from "./cannotPayAtPoolPrice.js";
import type { AaveMarketRun } from "./types.js";

const E18 = 10n ** 18n;

/**
 * One liquidator's `liquidationCall` on an Aave position, if it is liquidatable and pays: the largest
 * collateral against the largest debt (by value at the oracle), `debtToCover` = max, the seized
 * collateral sold on the liquidators' pool in the same transaction. A done liquidation replaces the
 * position, books any bad debt (v3.3 deficit; v3.0 debt left with no collateral) and is recorded.
 *
 * @param run - the market in the cascade.
 * @param index - the position.
 * @returns the outcome (see LiquidationOutcome).
 */
export function liquidateAave(run: AaveMarketRun, index: number): LiquidationOutcome {
  const { market, ctx, liquidators } = run;
  const block = ctx.block;
  ctx.work.aaveAttempts++;
  if (ctx.provenUnprofitableSkip && cannotPayAtPoolPrice(run, index)) {
    ctx.work.provenUnprofitable++;
    return "skip";
  }
  const position = market.positions[index]!;
  const prices = run.pricesE8();
  const account = calculateUserAccountData(market.reserves, position, prices);
  if (account.healthFactor >= E18) return account.healthFactor === MAX_UINT256 ? "dead" : "healthy";
  const { ci, di } = largestPair(run, index, prices);
  if (ci < 0 || di < 0) {
    // v3.0: debt with no collateral left is unbacked forever; nothing can liquidate it. Booked once: at the
    // liquidation that took the last collateral, or here for a position that started without any.
    if (di >= 0 && market.profile === "v3.0" && !run.unbacked.has(index)) {
      run.unbacked.add(index);
      run.realized.usd += Number(account.totalDebtBase) / 1e8;
      const r = market.reserves[di]!;
      if (ctx.recordEvents)
        ctx.events.push({
          block,
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
    return "dead";
  }
  let result: ReturnType<typeof executeLiquidationCall>;
  try {
    result = executeLiquidationCall({
      profile: market.profile,
      reserves: market.reserves,
      prices,
      position,
      collateralIndex: ci,
      debtIndex: di,
      debtToCover: MAX_UINT256,
      account,
    });
  } catch (error) {
    if (error instanceof MathRevertError) return "skip";
    throw error;
  }
  const collateralReserve = market.reserves[ci]!;
  const debtReserve = market.reserves[di]!;
  const debtUsd =
    (Number(result.actualDebtToLiquidate) / 10 ** debtReserve.decimals) * (Number(prices[di]!) / 1e8);
  if (collateralReserve.symbol === ctx.state.underlying.symbol) {
    // A sale into the pool fetches at most the pool's current price (the price only moves against the
    // seller, and the fee is taken): if even that cannot pay, skip without simulating the swap.
    const ceilingUsd =
      toFloat(result.actualCollateralToLiquidate, ctx.state.underlying.decimals) *
      liquidators.salePool().usd *
      (1 + 1e-9);
    if (ceilingUsd - debtUsd - liquidators.gasUsd() < liquidators.minProfitUsd) return "skip";
  }
  const sold = liquidators.quoteSale(collateralReserve.symbol, result.actualCollateralToLiquidate);
  const profitUsd = sold.usd - debtUsd - liquidators.gasUsd();
  if (profitUsd < liquidators.minProfitUsd) return "skip";
  sold.commit();
  market.positions[index] = result.position;
  ctx.onAction?.({
    block,
    kind: "liquidationCall",
    market: market.id,
    positionIndex: index,
    positionId: position.id,
    collateral: collateralReserve.symbol,
    debt: debtReserve.symbol,
    salePoolId: ctx.state.liquidators.pool,
    expected: {
      debtRepaid: result.actualDebtToLiquidate,
      collateralSeized: result.actualCollateralToLiquidate,
      protocolFee: result.liquidationProtocolFeeAmount,
      saleProceeds: sold.quote,
      saleSqrtPriceX96After: sold.trade?.pool.kind === "uniswap-v3" ? sold.trade.pool.state.sqrtPriceX96 : 0n,
      ...(sold.trade?.pool.kind === "uniswap-v2"
        ? { saleReservesAfter: [sold.trade.pool.state.reserve0, sold.trade.pool.state.reserve1] as const }
        : {}),
    },
  });
  let badDebt = 0n;
  if (market.profile === "v3.0") {
    // The last collateral seized: what debt remains is unbacked from this block on (as the chain's balances show).
    const after = result.position;
    const seizable = market.reserves.some(
      (r, i) =>
        after.usingAsCollateral[i] && r.liquidationThresholdBps !== 0n && after.scaledCollateral[i]! > 0n,
    );
    const left = seizable ? 0n : calculateUserAccountData(market.reserves, after, prices).totalDebtBase;
    if (left > 0n) {
      run.unbacked.add(index);
      run.realized.usd += Number(left) / 1e8;
      badDebt = rayMul(after.scaledDebt[di]!, debtReserve.variableBorrowIndexRay);
    }
  }
  result.deficit.forEach((amount, i) => {
    if (amount === 0n) return;
    badDebt += amount;
    run.realized.usd += (Number(amount) / 10 ** market.reserves[i]!.decimals) * (Number(prices[i]!) / 1e8);
  });
  ctx.round.liquidations++;
  ctx.round.liquidatedDebtUsd += debtUsd;
  ctx.round.collateralSoldUsd += sold.usd;
  if (ctx.recordEvents)
    ctx.events.push({
      block,
      market: market.id,
      kind: "liquidationCall",
      positionId: position.id,
      collateral: collateralReserve.symbol,
      debt: debtReserve.symbol,
      debtAmount: result.actualDebtToLiquidate.toString(),
      collateralAmount: result.actualCollateralToLiquidate.toString(),
      protocolFee: result.liquidationProtocolFeeAmount.toString(),
      badDebt: badDebt.toString(),
      saleProceeds: sold.quote.toString(),
      profitUsd,
    });
  return "done";
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
