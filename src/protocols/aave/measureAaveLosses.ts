import type { AaveMarketModel } from "../../model/cascade/types.js";
import { rayMul } from "../../model/lending/aave/WadRayMath.js";
import { marketAccountData } from "../../model/markets/aave/marketAccountData.js";

export type AaveLosses = {
  /**
   * Debt nothing can repay, at the oracle: v3.0, the debt of positions with no collateral left; v3.6, the
   * reserves' deficit added since the start (`deficit` of the market's reserves at the start).
   */
  realizedUsd: number;
  /** Debt above collateral of positions that still hold some, at market prices. */
  insolventOpenUsd: number;
  /** Positions the pool would liquidate: health factor below 1 with collateral left to seize. */
  liquidatable: number;
};

/**
 * An Aave market's losses measured from balances read off the chain (scaled balances × the reserves'
 * indices): what is unbacked and what is underwater. Float USD, for reporting; the liquidatable count uses
 * the pool's own integer rule.
 *
 * @param market - the market with positions as read off the chain.
 * @param parameters - oracle prices (8 decimals) per reserve, and the market price per symbol in USD.
 * @returns realized and open losses, and how many positions are liquidatable.
 * @example measureAaveLosses(market, { oraclePricesE8: [300000000000n, 100000000n], marketPriceOf: (s) => 2900 })
 */
export function measureAaveLosses(
  market: AaveMarketModel,
  parameters: {
    oraclePricesE8: readonly bigint[];
    marketPriceOf: (symbol: string) => number;
    /** Each reserve's deficit now (v3.6), as read; omitted: the market's own `deficit` fields. */
    deficits?: readonly bigint[];
    /** Each reserve's deficit when the cascade started. */
    startDeficits?: readonly bigint[];
  },
): AaveLosses {
  const { oraclePricesE8, marketPriceOf } = parameters;
  let realizedUsd = 0;
  market.reserves.forEach((r, i) => {
    const added = (parameters.deficits?.[i] ?? r.deficit ?? 0n) - (parameters.startDeficits?.[i] ?? 0n);
    realizedUsd += (Number(added) / 10 ** r.decimals) * (Number(oraclePricesE8[i]!) / 1e8);
  });
  let insolventOpenUsd = 0;
  let liquidatable = 0;
  for (const p of market.positions) {
    let collateral = 0;
    let debt = 0;
    let debtAtOracle = 0;
    let hasCollateral = false;
    market.reserves.forEach((r, i) => {
      const c = Number(rayMul(p.scaledCollateral[i]!, r.liquidityIndexRay)) / 10 ** r.decimals;
      const d = Number(rayMul(p.scaledDebt[i]!, r.variableBorrowIndexRay)) / 10 ** r.decimals;
      if (p.usingAsCollateral[i] && p.scaledCollateral[i]! > 0n) hasCollateral = true;
      collateral += c * marketPriceOf(r.symbol);
      debt += d * marketPriceOf(r.symbol);
      debtAtOracle += d * (Number(oraclePricesE8[i]!) / 1e8);
    });
    if (!hasCollateral && debt > 0) realizedUsd += debtAtOracle;
    else if (debt > collateral) insolventOpenUsd += debt - collateral;
    if (
      hasCollateral &&
      debtAtOracle > 0 &&
      marketAccountData(market, p, oraclePricesE8).healthFactor < 10n ** 18n
    )
      liquidatable++;
  }
  return { realizedUsd, insolventOpenUsd, liquidatable };
}
