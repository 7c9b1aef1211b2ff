import type { MarketModel } from "../cascade/types.js";

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
