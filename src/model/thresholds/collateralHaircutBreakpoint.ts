import type { MarketModel } from "../cascade/types.js";
import { userReserveTerms } from "../lending/aave/userReserveTerms.js";
import { rayMul } from "../lending/aave/WadRayMath.js";
import { presentValue } from "../lending/compound/CometMath.js";
import { liquidationIncentiveFactor } from "../lending/morpho/liquidationIncentiveFactor.js";
import { SharesMathLib } from "../lending/morpho/SharesMathLib.js";

/** Where a lending market's collateral stops covering its requirements as the underlying falls. */
export type HaircutBreakpoint = {
  market: string;
  /** Price at which haircut collateral (× liquidation threshold / liquidate factor) equals debt: the market as a whole is liquidatable. */
  haircutPrice: number | null;
  /** Price at which raw collateral value equals debt: below it the market is insolvent even with perfect liquidations. */
  solvencyPrice: number | null;
  /** Highest single-position price where that position's collateral no longer covers debt × liquidation bonus: bad debt can start. */
  firstBadDebtPrice: number | null;
};

/**
 * The Collateral Haircut Breakpoint of each market, from its static book (no cascade): aggregate
 * collateral and debt are linear in the underlying price, so the breakpoints are exact ratios. A pegged
 * asset counts at its peg (rate × the underlying: the static book does not depeg); an Aave user in e-mode
 * at its category's thresholds.
 *
 * @param market - the market.
 * @param underlying - the underlying's symbol.
 * @param otherPriceUsd - the price of any other asset, USD.
 * @param pegRate - the rate of a pegged asset (undefined for any other).
 */
export function collateralHaircutBreakpoint(
  market: MarketModel,
  underlying: string,
  otherPriceUsd: (symbol: string) => number,
  pegRate: (symbol: string) => number | undefined = () => undefined,
): HaircutBreakpoint {
  let a = 0; // haircut underlying collateral, units
  let araw = 0;
  let b = 0; // haircut other collateral, USD
  let braw = 0;
  let c = 0; // underlying debt, units
  let d = 0; // other debt, USD
  let firstBadDebt: number | null = null;
  const consider = (collU: number, collOther: number, debtU: number, debtOther: number, bonus: number) => {
    // Position bad-debt price: collU·P + collOther = (debtU·P + debtOther)·bonus.
    const k = collU - debtU * bonus;
    if (k > 0) {
      const p = (debtOther * bonus - collOther) / k;
      if (p > 0 && (firstBadDebt === null || p > firstBadDebt)) firstBadDebt = p;
    }
  };
  if (market.kind === "aave-v3") {
    const bonus = Math.max(...market.reserves.map((r) => Number(r.liquidationBonusBps) / 10_000));
    const shares = market.reserves.map((r) => (r.symbol === underlying ? 1 : pegRate(r.symbol)));
    for (const p of market.positions) {
      let cu = 0;
      let co = 0;
      let du = 0;
      let dO = 0;
      const category = p.eModeCategory
        ? market.eModeCategories.find((c) => c.id === p.eModeCategory)
        : undefined;
      market.reserves.forEach((r, i) => {
        const coll = Number(rayMul(p.scaledCollateral[i]!, r.liquidityIndexRay)) / 10 ** r.decimals;
        const debt = Number(rayMul(p.scaledDebt[i]!, r.variableBorrowIndexRay)) / 10 ** r.decimals;
        const lt = Number(userReserveTerms(r, i, category).liquidationThresholdBps) / 10_000;
        const share = shares[i];
        if (share !== undefined) {
          a += coll * share * lt;
          araw += coll * share;
          c += debt * share;
          cu += coll * share;
          du += debt * share;
        } else {
          b += coll * otherPriceUsd(r.symbol) * lt;
          braw += coll * otherPriceUsd(r.symbol);
          d += debt * otherPriceUsd(r.symbol);
          co += coll * otherPriceUsd(r.symbol);
          dO += debt * otherPriceUsd(r.symbol);
        }
      });
      consider(cu, co, du, dO, bonus);
    }
  } else if (market.kind === "morpho-blue") {
    // Morpho Blue: one collateral at the LLTV, one loan token; the liquidation incentive is the bonus.
    const m = market.market;
    const shareOf = (symbol: string) => (symbol === underlying ? 1 : pegRate(symbol));
    const lltv = Number(market.lltv) / 1e18;
    const bonus = Number(liquidationIncentiveFactor(market.lltv)) / 1e18;
    const cs = shareOf(market.collateralSymbol);
    const ds = shareOf(market.loanSymbol);
    for (const p of market.positions) {
      const coll = Number(p.collateral) / 10 ** market.collateralDecimals;
      const owed =
        Number(SharesMathLib.toAssetsUp(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares)) /
        10 ** market.loanDecimals;
      const [cu, co] = cs !== undefined ? [coll * cs, 0] : [0, coll * otherPriceUsd(market.collateralSymbol)];
      const [du, dO] = ds !== undefined ? [owed * ds, 0] : [0, owed * otherPriceUsd(market.loanSymbol)];
      a += cu * lltv;
      araw += cu;
      b += co * lltv;
      braw += co;
      c += du;
      d += dO;
      consider(cu, co, du, dO, bonus);
    }
  } else {
    const m = market.market;
    const shareOf = (symbol: string) => (symbol === underlying ? 1 : pegRate(symbol));
    const baseShare = shareOf(m.baseSymbol);
    for (const p of market.positions) {
      let cu = 0;
      let co = 0;
      m.assets.forEach((asset, i) => {
        const coll = Number(p.collateral[i]!) / Number(asset.scale);
        const f = Number(asset.liquidateCollateralFactor) / 1e18;
        const share = shareOf(asset.symbol);
        if (share !== undefined) {
          a += coll * share * f;
          araw += coll * share;
          cu += coll * share;
        } else {
          b += coll * otherPriceUsd(asset.symbol) * f;
          braw += coll * otherPriceUsd(asset.symbol);
          co += coll * otherPriceUsd(asset.symbol);
        }
      });
      // The debt is the principal at the borrow index (presentValue), as Comet's own checks read it.
      const owed = p.principal < 0n ? -presentValue(p.principal, m.baseSupplyIndex, m.baseBorrowIndex) : 0n;
      const units = Number(owed) / Number(m.baseScale);
      if (baseShare !== undefined) {
        c += units * baseShare;
        consider(cu, co, units * baseShare, 0, 1);
      } else {
        d += units * otherPriceUsd(m.baseSymbol);
        consider(cu, co, 0, units * otherPriceUsd(m.baseSymbol), 1);
      }
    }
  }
  const solve = (slope: number, intercept: number) =>
    slope - c > 0 ? Math.max(0, (d - intercept) / (slope - c)) : null;
  return {
    market: market.id,
    haircutPrice: solve(a, b),
    solvencyPrice: solve(araw, braw),
    firstBadDebtPrice: firstBadDebt,
  };
}
