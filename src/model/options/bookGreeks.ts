import { blackScholes } from "./blackScholes.js";
import { dealerSign, type OptionBook, type OptionPosition } from "./types.js";
import { impliedVol, type StressState } from "./volSurface.js";

/** Aggregate greeks of a dealer's book (dealer's side), in underlying units and USD. */
export type BookGreeks = {
  /** Σ sign · size · Δ, underlying units: the dealer hedges by holding −delta of spot. */
  delta: number;
  /** Σ sign · size · Γ, per unit of underlying price. */
  gamma: number;
  /** Dealer gamma exposure in USD per 1% move: gamma · S² · 0.01. */
  gexUsdPer1Pct: number;
  /** Σ sign · size · vega, USD per 1.00 vol. */
  vega: number;
  /** Mark-to-model value of the book to the dealer, USD. */
  value: number;
};

/**
 * The dealer book's greeks at a spot, time and stress state. Expired lines contribute intrinsic value only.
 * @example bookGreeks(book, { spot: 3000, timeSeconds: 0, stress: { drawdown: 0, realisedVol: 0.6 } })
 */
export function bookGreeks(
  book: OptionBook,
  { spot, timeSeconds, stress }: { spot: number; timeSeconds: number; stress: StressState },
): BookGreeks {
  let delta = 0;
  let gamma = 0;
  let vega = 0;
  let value = 0;
  for (const option of book.options) {
    const g = lineGreeks(book, option, { spot, timeSeconds, stress });
    const w = dealerSign(book.convention, option) * option.size;
    delta += w * g.delta;
    gamma += w * g.gamma;
    vega += w * g.vega;
    value += w * g.price;
  }
  return { delta, gamma, gexUsdPer1Pct: gamma * spot * spot * 0.01, vega, value };
}

/**
 * One option line's Black–Scholes greeks per unit (not signed, not sized), at its implied vol on the book's
 * surface for this spot, time and stress.
 */
export function lineGreeks(
  book: Pick<OptionBook, "surface" | "rate">,
  option: OptionPosition,
  { spot, timeSeconds, stress }: { spot: number; timeSeconds: number; stress: StressState },
): ReturnType<typeof blackScholes> {
  const timeYears = Math.max(0, (option.expirySeconds - timeSeconds) / (365 * 86_400));
  const vol = impliedVol(book.surface, spot, option.strike, timeYears, stress);
  return blackScholes({ type: option.type, spot, strike: option.strike, timeYears, vol, rate: book.rate });
}
