import { lineGreeks } from "../options/bookGreeks.js";
import { normTail } from "../options/normal.js";
import { dealerSign, type OptionBook } from "../options/types.js";
import { stressMultiplier } from "../options/volSurface.js";

const UNSTRESSED = { drawdown: 0, realisedVol: 0 };
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const YEAR_SECONDS = 365 * 86_400;

/** The books' dealer GEX (USD per 1%) and delta at one price. */
export type GexAt = { gex: number; delta: number };

/**
 * The books' GEX and delta at any spot, for one time on the unstressed surface, with everything that does
 * not depend on the spot computed once per instrument (tenor, the surface's ATM level, the dealer's signed
 * size) and one exponential per instrument and spot shared by φ(d1) and Φ(d1): the same operations as
 * `bookGreeks` (impliedVol, then blackScholes's d1, gamma and delta with no dividend), in the same order,
 * so the same numbers, for the profile's dozens of spots. Expired lines (and a zero vol) go through
 * blackScholes itself.
 *
 * @param books - the option books.
 * @param timeSeconds - seconds since the books' start.
 * @returns `at(spot)`, `gexAt(spot)` (without the deltas' Φ, for root-finding) and `lineGammas(spot)`.
 * @example createGexKernel(books, 0).at(3000).gex
 */
export function createGexKernel(
  books: readonly OptionBook[],
  timeSeconds: number,
): {
  at(spot: number): GexAt;
  /** The GEX alone (no Φ): the same number as `at(spot).gex`. */
  gexAt(spot: number): number;
  /** Each line's gamma at `spot`, book by book, line by line (bookGreeks' numbers). */
  lineGammas(spot: number): Float64Array[];
} {
  const prepared = books.map((book) => {
    const s = book.surface;
    const refTenor = s.refTenorYears ?? 30 / 365;
    const m = stressMultiplier(s, UNSTRESSED);
    const n = book.options.length;
    const strike = new Float64Array(n);
    const years = new Float64Array(n);
    const sqrtT = new Float64Array(n);
    const atm = new Float64Array(n);
    const weight = new Float64Array(n);
    const call = new Uint8Array(n);
    book.options.forEach((o, i) => {
      const T = Math.max(0, (o.expirySeconds - timeSeconds) / YEAR_SECONDS);
      strike[i] = o.strike;
      years[i] = T;
      sqrtT[i] = Math.sqrt(T);
      atm[i] = s.atmVol * (T > 0 ? (T / refTenor) ** s.termSlope : 1) * m;
      weight[i] = dealerSign(book.convention, o) * o.size;
      call[i] = o.type === "call" ? 1 : 0;
    });
    return {
      book,
      floor: s.floor ?? 0.05,
      skew: s.skew,
      r: book.rate,
      strike,
      years,
      sqrtT,
      atm,
      weight,
      call,
    };
  });
  /**
   * One pass over every line at `spot`: its gamma always, its delta when `withDelta` (Φ(d1) is the costly
   * half), each line's gamma into `lines` when given; the books' sums in line order either way, so every
   * entry point gives the same numbers.
   */
  function evaluate(spot: number, withDelta: boolean, lines?: Float64Array[]): GexAt {
    let gex = 0;
    let delta = 0;
    prepared.forEach((p, b) => {
      let bookDelta = 0;
      let bookGamma = 0;
      const { strike, years, sqrtT, atm, weight, call, r, skew, floor } = p;
      const out = lines?.[b];
      for (let i = 0; i < strike.length; i++) {
        const K = strike[i]!;
        const T = years[i]!;
        const sigma = Math.max(floor, atm[i]! + skew * Math.log(K / spot));
        let g: number;
        let d = 0;
        if (T === 0 || sigma === 0 || !(spot > 0)) {
          const bs = lineGreeks(p.book, p.book.options[i]!, { spot, timeSeconds, stress: UNSTRESSED });
          g = bs.gamma;
          d = bs.delta;
        } else {
          const d1 = (Math.log(spot / K) + (r - 0 + 0.5 * sigma * sigma) * T) / (sigma * sqrtT[i]!);
          const e = Math.exp(-0.5 * d1 * d1);
          g = (1 * (e / SQRT_2PI)) / (spot * sigma * sqrtT[i]!);
          if (withDelta) {
            const z = Math.abs(d1);
            const tail = z > 37 ? 0 : normTail(z, e);
            // blackScholes: a call's Δ = Φ(d1), a put's = −Φ(−d1).
            d = call[i] ? (d1 <= 0 ? tail : 1 - tail) : -(-d1 <= 0 ? tail : 1 - tail);
          }
        }
        if (out) out[i] = g;
        const w = weight[i]!;
        bookDelta += w * d;
        bookGamma += w * g;
      }
      gex += bookGamma * spot * spot * 0.01;
      delta += bookDelta;
    });
    return { gex, delta };
  }
  return {
    at: (spot) => evaluate(spot, true),
    gexAt: (spot) => evaluate(spot, false).gex,
    lineGammas(spot) {
      const lines = prepared.map((p) => new Float64Array(p.strike.length));
      evaluate(spot, false, lines);
      return lines;
    },
  };
}
