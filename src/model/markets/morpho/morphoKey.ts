import { underlyingShare } from "../underlyingShare.js";
import { wrapperRate } from "./morphoVault.js";
import type { MorphoMarketRun } from "./types.js";

/** How far a key errs towards checking: the oracle's floors and the float's own error. */
const SLACK = 1e-9;

/**
 * The underlying's oracle price at or below which a Morpho position is liquidatable: solves collateral ×
 * price × LLTV = debt for the underlying's price, in USD, with the debt grown by the interest the next accrual
 * adds (`run.growth`: Morpho accrues before it checks health in `liquidate`). What moves with the underlying
 * counts in its units (the underlying itself, an exchange-rate pegged asset at its rate); the other side at
 * its oracle price.
 *
 * @returns the price; −∞ for a position without debt, +∞ when liquidatable at any price; a position whose
 *   debt moves with the underlying more than its collateral is +∞ when liquidatable now, else −∞ with the
 *   price at or above which it becomes so in `run.rise`.
 */
export function morphoKey(run: MorphoMarketRun, index: number): number {
  const { market, ctx } = run;
  const p = market.positions[index]!;
  run.rise[index] = Number.POSITIVE_INFINITY;
  if (p.borrowShares === 0n) return Number.NEGATIVE_INFINITY;
  const m = market.market;
  const lltv = Number(market.lltv) / 1e18;
  const coll = (Number(p.collateral) / 10 ** market.collateralDecimals) * lltv;
  const owed =
    ((Number(p.borrowShares) * Number(m.totalBorrowAssets + 1n)) /
      Number(m.totalBorrowShares + 1_000_000n) /
      10 ** market.loanDecimals) *
    (1 + run.growth) *
    (1 + SLACK);
  // A wrapper's share counts as its asset at the wrapper's rate now (the rate only grows: a key from an
  // older rate errs towards checking).
  const wrapped = market.wrapper?.underlying;
  const rate = wrapped ? wrapperRate(run) : 1;
  const collateral = wrapped ?? market.collateralSymbol;
  const cs = underlyingShare(ctx.state, collateral) * rate;
  const ds = underlyingShare(ctx.state, market.loanSymbol);
  const a = cs > 0 ? coll * cs : 0;
  const b = cs > 0 ? 0 : coll * ctx.prices.usd(collateral) * rate;
  const c = ds > 0 ? owed * ds : 0;
  const d = ds > 0 ? 0 : owed * ctx.prices.usd(market.loanSymbol);
  if (a > c) return ((d - b) / (a - c)) * (1 + SLACK);
  if (a === c) return b < d ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const above = ((b - d) / (c - a)) * (1 - SLACK);
  if (ctx.prices.usd(ctx.state.underlying.symbol) >= above) return Number.POSITIVE_INFINITY;
  run.rise[index] = above;
  return Number.NEGATIVE_INFINITY;
}
