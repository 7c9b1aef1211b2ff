import { userReserveTerms } from "../../lending/aave/userReserveTerms.js";
import { underlyingShare } from "../underlyingShare.js";
import type { AaveMarketRun } from "./types.js";

/**
 * The underlying's oracle price at or below which an Aave position is liquidatable, from its cached float
 * balances: solves Σ collateral × price × LT = Σ debt × price for the underlying's price. The thresholds
 * are the user's (its e-mode category's on the category's collateral, `userReserveTerms`); a pegged asset
 * whose oracle follows the exchange rate moves with the underlying (rate × its price); the other reserves
 * are at their oracle prices (a market-priced pegged asset's included: the cascade rebuilds the keys when
 * such a price moves).
 *
 * @param run - the market in the cascade.
 * @param index - the position.
 * @returns the price; −∞ with no debt, +∞ when liquidatable at any price. A position whose debt moves with
 *   the underlying more than its collateral does is +∞ when liquidatable now, else −∞ with the price at or
 *   above which it becomes so recorded in `run.rise` (see LendingMarket.riseKey).
 */
export function aaveKey(run: AaveMarketRun, index: number): number {
  const { market, amounts } = run;
  const prices = run.pricesUsd();
  const p = market.positions[index]!;
  const lts = thresholdsOf(run, p.eModeCategory ?? 0);
  const perUnderlying = underlyingShares(run);
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let i = 0; i < market.reserves.length; i++) {
    const coll = p.usingAsCollateral[i] ? amounts.collateral[i]![index]! : 0;
    const debt = amounts.debt[i]![index]!;
    const lt = lts[i]!;
    const share = perUnderlying[i]!;
    if (share > 0) {
      a += coll * share * lt;
      c += debt * share;
    } else {
      b += coll * prices[i]! * lt;
      d += debt * prices[i]!;
    }
  }
  run.rise[index] = Number.POSITIVE_INFINITY;
  if (c === 0 && d === 0) return Number.NEGATIVE_INFINITY;
  if (a > c) return (d - b) / (a - c);
  if (a === c) return b < d ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  // The debt moves with the underlying more than the collateral: liquidatable at or above (b − d) / (c − a).
  const above = (b - d) / (c - a);
  const now = underlyingPriceUsd(run);
  if (now >= above * (1 - 1e-9)) return Number.POSITIVE_INFINITY;
  run.rise[index] = above * (1 - 1e-9);
  return Number.NEGATIVE_INFINITY;
}

/** The underlying's oracle price, USD. */
function underlyingPriceUsd(run: AaveMarketRun): number {
  return run.ctx.prices.usd(run.ctx.state.underlying.symbol);
}

/**
 * Per market's reserves and e-mode category: each reserve's liquidation threshold for a user in it, as a
 * fraction. Keyed by the reserves array, which a change of terms replaces (a risk steward's or the DAO's
 * cut, setAaveReserveTerms): keys computed after a cut use the new thresholds.
 */
const thresholds = new WeakMap<object, Map<number, number[]>>();

function thresholdsOf(run: AaveMarketRun, categoryId: number): number[] {
  const { market } = run;
  let byCategory = thresholds.get(market.reserves);
  if (!byCategory) {
    byCategory = new Map();
    thresholds.set(market.reserves, byCategory);
  }
  let lts = byCategory.get(categoryId);
  if (!lts) {
    const category = market.eModeCategories.find((c) => c.id === categoryId);
    lts = market.reserves.map(
      (r, i) => Number(userReserveTerms(r, i, category).liquidationThresholdBps) / 10_000,
    );
    byCategory.set(categoryId, lts);
  }
  return lts;
}

/** Per market: how many underlying units one unit of each reserve's asset is priced at (1 for the underlying, the rate for an exchange-rate pegged asset, 0 for the rest). */
const shares = new WeakMap<object, number[]>();

function underlyingShares(run: AaveMarketRun): number[] {
  const { market, ctx } = run;
  let known = shares.get(market);
  if (!known) {
    known = market.reserves.map((r) => underlyingShare(ctx.state, r.symbol));
    shares.set(market, known);
  }
  return known;
}
