import { MathRevertError } from "../../../errors/MathRevertError.js";
import { swapAction } from "../../cascade/recordSwap.js";
import { buyCollateral } from "../../lending/compound/buyCollateral.js";
import { FACTOR_SCALE, mulFactor } from "../../lending/compound/CometMath.js";
import type { CompoundMarketRun } from "./types.js";

/**
 * Liquidators buy absorbed collateral from Comet's storefront while its reserves (accrued to this block)
 * are below target, when that pays after selling it on their pool; one buy per collateral asset, each taking
 * one unit of the block's liquidation budget. The buy and the sale are one transaction on chain (the base
 * flash-borrowed from the sale pool), so where the pool pays in the base, the sale must return at least
 * the base spent.
 *
 * @param run - the market in the cascade.
 * @param budget - liquidations left this block (decremented per buy).
 */
export function buyAbsorbedCollateral(run: CompoundMarketRun, budget: { left: number }): void {
  const { market, ctx, liquidators } = run;
  const m = market.market;
  const prices = run.prices();
  const paidInBase = ctx.state.quote.symbol === m.baseSymbol;
  m.assets.forEach((asset, i) => {
    if (budget.left <= 0) return;
    const held = market.market.collateralReserves[i]!;
    if (held === 0n) return;
    const discountFactor = mulFactor(
      market.market.storeFrontPriceFactor,
      FACTOR_SCALE - asset.liquidationFactor,
    );
    const discounted = mulFactor(prices.assets[i]!, FACTOR_SCALE - discountFactor);
    const baseAmount = (held * discounted * market.market.baseScale) / (prices.base * asset.scale);
    if (baseAmount === 0n) return;
    let bought: ReturnType<typeof buyCollateral>;
    try {
      bought = buyCollateral(market.market, prices, { assetIndex: i, baseAmount, nowSeconds: run.now });
    } catch (error) {
      // NotForSale (reserves at target), a reserves view whose accrual reverts, or too little held.
      if (error instanceof MathRevertError) return;
      throw error;
    }
    const costUsd = (Number(baseAmount) / Number(m.baseScale)) * (Number(prices.base) / 1e8);
    const sold = liquidators.quoteSale(asset.symbol, bought.collateralAmount);
    const profitUsd = sold.usd - costUsd - liquidators.gasUsd();
    if (profitUsd < liquidators.minProfitUsd || (paidInBase && sold.quote < baseAmount)) return;
    sold.commit();
    const pool = sold.trade?.pool;
    ctx.onAction?.({
      block: ctx.block,
      kind: "buyCollateral",
      market: market.id,
      collateral: asset.symbol,
      assetIndex: i,
      baseAmount,
      salePoolId: ctx.state.liquidators.pool,
      sale: sold.trade
        ? swapAction(ctx.block, "collateral-sale", "trader", ctx.state.liquidators.pool, sold.trade)
        : undefined,
      expected: {
        collateralAmount: bought.collateralAmount,
        saleProceeds: sold.quote,
        saleSqrtPriceX96After: pool?.kind === "uniswap-v3" ? pool.state.sqrtPriceX96 : 0n,
        ...(pool?.kind === "uniswap-v2"
          ? { saleReservesAfter: [pool.state.reserve0, pool.state.reserve1] as const }
          : {}),
      },
    });
    market.market = bought.market;
    budget.left--;
    ctx.round.collateralSoldUsd += sold.usd;
    if (ctx.recordEvents)
      ctx.events.push({
        block: ctx.block,
        market: market.id,
        kind: "buyCollateral",
        positionId: "",
        collateral: asset.symbol,
        debt: m.baseSymbol,
        debtAmount: baseAmount.toString(),
        collateralAmount: bought.collateralAmount.toString(),
        protocolFee: "0",
        badDebt: "0",
        saleProceeds: sold.quote.toString(),
        profitUsd,
      });
  });
}
