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
 * the base spent. A collateral pegged to the base (cWETHv3's wstETH) is sold on its own pool.
 *
 * @param run - the market in the cascade.
 * @param budget - liquidations left this block (decremented per buy).
 */
export function buyAbsorbedCollateral(run: CompoundMarketRun, budget: { left: number }): void {
  const { market, ctx, liquidators } = run;
  const m = market.market;
  const prices = run.prices();
  const baseUsd = ctx.prices.usd(m.baseSymbol);
  m.assets.forEach((asset, i) => {
    // The sale pays in the base when the base is the quote asset, or the collateral is pegged to the base
    // and sold on its own pool (cWETHv3's LSTs): the flash-borrowed base must then come back.
    const paidInBase =
      ctx.state.quote.symbol === m.baseSymbol ||
      ctx.state.pegs.some((p) => p.symbol === asset.symbol && p.asset === m.baseSymbol);
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
    // The base spent on the sale's own scale (the underlying at the market, as its proceeds count).
    const costUsd = liquidators.repayUsd({
      symbol: m.baseSymbol,
      amount: baseAmount,
      usd: (Number(baseAmount) / Number(m.baseScale)) * baseUsd,
    });
    const sold = liquidators.quoteSale(asset.symbol, bought.collateralAmount, m.baseSymbol);
    const profitUsd = sold.usd - costUsd - liquidators.gasUsd();
    if (profitUsd < liquidators.minProfitUsd || (paidInBase && sold.quote < baseAmount)) return;
    sold.commit();
    const pool = sold.trade?.pool;
    const salePoolId = pool?.id ?? ctx.state.liquidators.pool;
    ctx.onAction?.({
      block: ctx.block,
      kind: "buyCollateral",
      market: market.id,
      collateral: asset.symbol,
      assetIndex: i,
      baseAmount,
      salePoolId,
      sale: sold.trade
        ? swapAction(ctx.block, "collateral-sale", "trader", salePoolId, sold.trade)
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
