import { estimateLiquidation } from "../../lending/aave/estimateLiquidation.js";
import type { LiquidationBound } from "../types.js";
import type { AaveMarketRun } from "./types.js";

/**
 * A float bound on an Aave liquidation of this position (estimateLiquidation, with its tolerances): only for
 * one-collateral, one-debt positions out of e-mode, away from the rules' boundaries, whose collateral is the underlying (the
 * asset the liquidators' pool prices); the rest, and anything it cannot prove, get no bound and go through
 * the exact code.
 *
 * @param run - the market in the cascade.
 * @param index - the position.
 * @returns the bound, or undefined.
 */
export function aaveBound(run: AaveMarketRun, index: number): LiquidationBound | undefined {
  const { market, amounts, ctx } = run;
  const ci = amounts.soleCollateral[index]!;
  const di = amounts.soleDebt[index]!;
  if (ci < 0 || di < 0) return undefined;
  // A user in e-mode has its category's threshold and bonus: the exact code decides.
  if ((market.positions[index]!.eModeCategory ?? 0) !== 0) return undefined;
  const collateral = market.reserves[ci]!;
  if (collateral.symbol !== ctx.state.underlying.symbol) return undefined;
  const debt = market.reserves[di]!;
  // The bound prices an underlying sale for the quote asset: debt in another asset is priced exactly.
  if (debt.symbol !== ctx.state.quote.symbol) return undefined;
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
  if (!estimate) return undefined;
  return {
    collateral: collateral.symbol,
    collateralMax: estimate.collateralReceived + estimate.collateralTolerance,
    collateralDecimals: collateral.decimals,
    debtUsdMin: (estimate.debtRepaid - estimate.debtTolerance) * debtPriceUsd * (1 - 1e-12),
  };
}
