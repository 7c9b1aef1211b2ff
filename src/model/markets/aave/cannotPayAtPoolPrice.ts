import { saleProceedsUpperBound } from "../../cascade/saleProceedsUpperBound.js";
import { estimateLiquidation } from "../../lending/aave/estimateLiquidation.js";
import type { AaveMarketRun } from "./types.js";

/**
 * Whether a float estimate proves that liquidating this position cannot pay even at the sale pool's current
 * price (the ceiling check in liquidateAave), with every rounding the integers could differ by counted
 * against the skip. Only for one-collateral (the underlying), one-debt positions away from the rules'
 * boundaries; the rest, and anything it cannot prove, go through the exact code. After a crash most of the
 * positions liquidators re-examine each block are such near-misses, and this spares them the bigint math.
 *
 * @param run - the market in the cascade.
 * @param index - the position.
 * @returns true only when no liquidation of it can reach the liquidators' minimum profit.
 */
export function cannotPayAtPoolPrice(run: AaveMarketRun, index: number): boolean {
  const { market, amounts, ctx, liquidators } = run;
  const ci = amounts.soleCollateral[index]!;
  const di = amounts.soleDebt[index]!;
  if (ci < 0 || di < 0) return false;
  const collateral = market.reserves[ci]!;
  if (collateral.symbol !== ctx.state.underlying.symbol) return false;
  const debt = market.reserves[di]!;
  const pricesUsd = run.pricesUsd();
  const debtPriceUsd = pricesUsd[di]!;
  const bps = amounts.configBps;
  const estimate = estimateLiquidation({
    profile: market.profile,
    collateral: {
      units: amounts.collateral[ci]![index]!,
      decimals: collateral.decimals,
      priceUsd: pricesUsd[ci]!,
      liquidationThresholdBps: bps.liquidationThreshold[ci]!,
      liquidationBonusBps: bps.liquidationBonus[ci]!,
      protocolFeeBps: bps.protocolFee[ci]!,
    },
    debt: { units: amounts.debt[di]![index]!, decimals: debt.decimals, priceUsd: debtPriceUsd },
  });
  if (!estimate) return false;
  const minProfitUsd = liquidators.minProfitUsd;
  const gas = liquidators.gasUsd();
  const debtUsdAtLeast = (estimate.debtRepaid - estimate.debtTolerance) * debtPriceUsd * (1 - 1e-12);
  // First at the pool's current price (the exact code's ceiling check), then along the pool's liquidity.
  const sale = liquidators.salePool();
  const poolUsd = sale.usd * (1 + 1e-9);
  const ceilingUsd = (estimate.collateralReceived + estimate.collateralTolerance) * poolUsd * (1 + 1e-12);
  if (ceilingUsd - debtUsdAtLeast - gas < minProfitUsd) return true;
  const proceedsUsd =
    saleProceedsUpperBound(
      sale.pool,
      (estimate.collateralReceived + estimate.collateralTolerance) * 10 ** collateral.decimals,
    ) /
    10 ** ctx.state.quote.decimals;
  return proceedsUsd * (1 + 1e-12) - debtUsdAtLeast - gas < minProfitUsd;
}
