import { BASE_INDEX_SCALE } from "../../lending/compound/CometMath.js";
import { underlyingShare } from "../underlyingShare.js";
import type { CompoundMarketRun } from "./types.js";

/**
 * How far below its rate an in-base feed can read an exchange-rate pegged collateral: its USD answer is
 * floored (rate × the base's), then divided by the base's and floored again at 8 decimals (at most 2 units of
 * 1e-8 for a base above $1).
 */
const IN_BASE_FLOOR = 2e-8;

/**
 * The underlying's oracle price at or below which a Comet account is liquidatable: solves Σ collateral ×
 * price × liquidateCollateralFactor = debt for the underlying's price, everything in USD (a market priced in
 * its base reads the same inequality divided by the base's price). What moves with the underlying counts in
 * units of it: the underlying itself, and an exchange-rate pegged asset at its rate; the other assets are at
 * their oracle prices (the cascade rebuilds the keys when such a price moves). An in-base feed's floors are
 * allowed for, so the key errs towards checking.
 *
 * @param run - the market in the cascade.
 * @param index - the account.
 * @returns the price; −∞ for an account that does not borrow, +∞ when liquidatable at any price. An account
 *   whose debt moves with the underlying more than its collateral is +∞ when liquidatable now, else −∞ with
 *   the price at or above which it becomes so in `run.rise` (see LendingMarket.riseKey).
 */
export function compoundKey(run: CompoundMarketRun, index: number): number {
  const { market, ctx } = run;
  const p = market.positions[index]!;
  run.rise[index] = Number.POSITIVE_INFINITY;
  if (p.principal >= 0n) return Number.NEGATIVE_INFINITY;
  const m = market.market;
  const inBase = market.priceFeeds === "in-base";
  // An in-base feed reads an exchange-rate collateral up to IN_BASE_FLOOR below its rate (the base is 1).
  const share = (symbol: string) => {
    const s = underlyingShare(ctx.state, symbol);
    return inBase && s > 0 && symbol !== ctx.state.underlying.symbol ? s - IN_BASE_FLOOR : s;
  };
  let a = 0;
  let b = 0;
  m.assets.forEach((asset, i) => {
    const coll = Number(p.collateral[i]!) / Number(asset.scale);
    const f = Number(asset.liquidateCollateralFactor) / 1e18;
    const s = share(asset.symbol);
    if (s > 0) a += coll * s * f;
    else {
      b += coll * ctx.prices.usd(asset.symbol) * f;
      // Its in-base price is floored to 1e-8 of the base (the underlying): up to that much less.
      if (inBase) a -= coll * f * 1e-8;
    }
  });
  // The debt at the stored borrow index, as Comet's isLiquidatable reads it.
  const owed =
    (Number(-p.principal) * Number(m.baseBorrowIndex)) / Number(BASE_INDEX_SCALE) / Number(m.baseScale);
  const baseShare = share(m.baseSymbol);
  const c = baseShare > 0 ? owed * baseShare : 0;
  const d = baseShare > 0 ? 0 : owed * ctx.prices.usd(m.baseSymbol);
  if (a > c) return (d - b) / (a - c);
  if (a === c) return b < d ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  // The debt moves with the underlying more than the collateral: liquidatable at or above (b − d) / (c − a).
  const above = (b - d) / (c - a);
  if (ctx.prices.usd(ctx.state.underlying.symbol) >= above * (1 - 1e-9)) return Number.POSITIVE_INFINITY;
  run.rise[index] = above * (1 - 1e-9);
  return Number.NEGATIVE_INFINITY;
}
