import type { MarketModel } from "../cascade/types.js";
import { rayMul } from "../lending/aave/WadRayMath.js";
import { presentValue } from "../lending/compound/CometMath.js";
import { SharesMathLib } from "../lending/morpho/SharesMathLib.js";

/** Per position, the share of its starting debt still owed (the largest over its debt assets), one kind each. */
const implementations: {
  [K in MarketModel["kind"]]: (
    initial: Extract<MarketModel, { kind: K }>,
    final: Extract<MarketModel, { kind: K }>,
  ) => number[];
} = {
  "aave-v3": (initial, final) =>
    initial.positions.map((p, i) =>
      p.scaledDebt.reduce((most, debt, k) => {
        if (debt === 0n) return most;
        const left = Number(final.positions[i]!.scaledDebt[k] ?? 0n) / Number(debt);
        return left > most ? left : most;
      }, 0),
    ),
  "compound-v3": (initial, final) =>
    initial.positions.map((p, i) => {
      const left = final.positions[i]!.principal;
      return p.principal < 0n && left < 0n ? Number(left) / Number(p.principal) : 0;
    }),
  // Shares against shares: a liquidation repays shares; interest does not move them.
  "morpho-blue": (initial, final) =>
    initial.positions.map((p, i) =>
      p.borrowShares > 0n ? Number(final.positions[i]!.borrowShares) / Number(p.borrowShares) : 0,
    ),
};

/**
 * How much of each position's starting debt a cascade left owed, as a share (0: repaid or absorbed, 1:
 * untouched), in the market's position order: what tells two cascades apart position by position (the
 * SSF scan's "which positions switch").
 *
 * @param initial - the market before the cascade.
 * @param final - the same market after it (same positions).
 * @returns the share left per position (0 for a position that started without debt).
 */
export function debtLeft(initial: MarketModel, final: MarketModel): number[] {
  const f = implementations[initial.kind] as (a: MarketModel, b: MarketModel) => number[];
  return f(initial, final);
}

/** Per position, its debt in USD at the given prices (USD per whole token), one kind each. */
const debtUsdOf: {
  [K in MarketModel["kind"]]: (
    market: Extract<MarketModel, { kind: K }>,
    priceUsd: (symbol: string) => number,
  ) => number[];
} = {
  "aave-v3": (market, priceUsd) =>
    market.positions.map((p) =>
      market.reserves.reduce(
        (sum, r, k) =>
          sum +
          (Number(rayMul(p.scaledDebt[k] ?? 0n, r.variableBorrowIndexRay)) / 10 ** r.decimals) *
            priceUsd(r.symbol),
        0,
      ),
    ),
  "compound-v3": (market, priceUsd) => {
    const m = market.market;
    return market.positions.map((p) =>
      p.principal < 0n
        ? (Number(-presentValue(p.principal, m.baseSupplyIndex, m.baseBorrowIndex)) / Number(m.baseScale)) *
          priceUsd(m.baseSymbol)
        : 0,
    );
  },
  "morpho-blue": (market, priceUsd) => {
    const m = market.market;
    return market.positions.map(
      (p) =>
        (Number(SharesMathLib.toAssetsUp(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares)) /
          10 ** market.loanDecimals) *
        priceUsd(market.loanSymbol),
    );
  },
};

/**
 * Each position's debt in USD (its debt assets at the borrow indices, at `priceUsd`), in the market's
 * position order: what weighs the share of debt left when ranking which positions switch.
 *
 * @param market - the market.
 * @param priceUsd - USD per whole token.
 * @returns the debt per position, USD.
 */
export function positionDebtUsd(market: MarketModel, priceUsd: (symbol: string) => number): number[] {
  const f = debtUsdOf[market.kind] as (a: MarketModel, p: (symbol: string) => number) => number[];
  return f(market, priceUsd);
}
