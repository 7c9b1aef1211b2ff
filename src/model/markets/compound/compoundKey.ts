import { BASE_INDEX_SCALE } from "../../lending/compound/CometMath.js";
import type { CompoundMarketRun } from "./types.js";

/**
 * The underlying's oracle price at or below which a Comet account is liquidatable: Σ collateral × price ×
 * liquidateCollateralFactor = debt, the other collaterals at their oracle prices.
 *
 * @param run - the market in the cascade.
 * @param index - the account.
 * @returns the price; −∞ for an account that does not borrow, +∞ when no fall makes it liquidatable.
 */
export function compoundKey(run: CompoundMarketRun, index: number): number {
  const { market, ctx } = run;
  const underlying = ctx.state.underlying.symbol;
  const p = market.positions[index]!;
  if (p.principal >= 0n) return Number.NEGATIVE_INFINITY;
  const m = market.market;
  let a = 0;
  let b = 0;
  m.assets.forEach((asset, i) => {
    const coll = Number(p.collateral[i]!) / Number(asset.scale);
    const f = Number(asset.liquidateCollateralFactor) / 1e18;
    if (asset.symbol === underlying) a += coll * f;
    else b += coll * ctx.prices.usd(asset.symbol) * f;
  });
  // The debt at the stored borrow index, as Comet's isLiquidatable reads it.
  const owed = (Number(-p.principal) * Number(m.baseBorrowIndex)) / Number(BASE_INDEX_SCALE);
  const debtUsd = (owed / Number(m.baseScale)) * ctx.prices.usd(m.baseSymbol);
  return a > 0 ? (debtUsd - b) / a : Number.POSITIVE_INFINITY;
}
