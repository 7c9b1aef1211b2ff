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
 * The books' GEX and delta at any spot, for one time on the unstressed surface: bookGreeks' Black–Scholes
 * (impliedVol, then d1, gamma and delta with no dividend) with everything that does not depend on the spot
 * computed once per instrument (tenor, √tenor, ln K, the surface's ATM level, the dealer's signed size), one
 * logarithm per spot instead of two per line (ln(S/K) as ln S − ln K, for the skew and for d1), one
 * exponential per line shared by φ(d1) and Φ(d1), and the 1/(√(2π)·S) of every gamma applied to the sum.
 * The numbers are bookGreeks' to rounding: a few units in the last place of each line's ln(S/K), so a sum
 * within ~1e-13 of the book's gross GEX (the tests hold it to 1e-12). Expired lines (and a zero vol) go
 * through blackScholes itself.
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
  /** Each line's gamma at `spot`, book by book, line by line. */
  lineGammas(spot: number): Float64Array[];
} {
  const prepared = books.map((book) => {
    const s = book.surface;
    const refTenor = s.refTenorYears ?? 30 / 365;
    const m = stressMultiplier(s, UNSTRESSED);
    const n = book.options.length;
    const lnStrike = new Float64Array(n);
    const years = new Float64Array(n);
    const sqrtT = new Float64Array(n);
    const atm = new Float64Array(n);
    const weight = new Float64Array(n);
    const call = new Uint8Array(n);
    book.options.forEach((o, i) => {
      const T = Math.max(0, (o.expirySeconds - timeSeconds) / YEAR_SECONDS);
      lnStrike[i] = Math.log(o.strike);
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
      lnStrike,
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
    const lnSpot = Math.log(spot);
    const pdfScale = 1 / (SQRT_2PI * spot);
    const positive = spot > 0;
    for (let b = 0; b < prepared.length; b++) {
      const p = prepared[b]!;
      let bookDelta = 0;
      // Σ w·e/(σ√T), scaled by 1/(√(2π)·S) at the end; lines that blackScholes computes add their gamma apart.
      let bookScaled = 0;
      let bookDirect = 0;
      const { lnStrike, years, sqrtT, atm, weight, call, r, skew, floor } = p;
      const out = lines?.[b];
      for (let i = 0; i < lnStrike.length; i++) {
        const T = years[i]!;
        const w = weight[i]!;
        const x = lnSpot - lnStrike[i]!;
        const sigma = Math.max(floor, atm[i]! - skew * x);
        if (T === 0 || sigma === 0 || !positive) {
          const bs = lineGreeks(p.book, p.book.options[i]!, { spot, timeSeconds, stress: UNSTRESSED });
          if (out) out[i] = bs.gamma;
          bookDirect += w * bs.gamma;
          bookDelta += w * bs.delta;
          continue;
        }
        const v = sigma * sqrtT[i]!;
        const d1 = (x + (r + 0.5 * sigma * sigma) * T) / v;
        const e = Math.exp(-0.5 * d1 * d1);
        const scaled = e / v;
        if (out) out[i] = scaled * pdfScale;
        bookScaled += w * scaled;
        if (withDelta) {
          const z = Math.abs(d1);
          const tail = z > 37 ? 0 : normTail(z, e);
          // blackScholes: a call's Δ = Φ(d1), a put's = −Φ(−d1).
          bookDelta += w * (call[i] ? (d1 <= 0 ? tail : 1 - tail) : -(-d1 <= 0 ? tail : 1 - tail));
        }
      }
      gex += (bookScaled * pdfScale + bookDirect) * spot * spot * 0.01;
      delta += bookDelta;
    }
    return { gex, delta };
  }
  return {
    at: (spot) => evaluate(spot, true),
    gexAt: (spot) => evaluate(spot, false).gex,
    lineGammas(spot) {
      const lines = prepared.map((p) => new Float64Array(p.lnStrike.length));
      evaluate(spot, false, lines);
      return lines;
    },
  };
}
