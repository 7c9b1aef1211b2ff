import { dealerSign, type OptionBook, type OptionPosition } from "../options/types.js";
import { gammaNeutralityPrice } from "../thresholds/gammaNeutralityPrice.js";
import { createGexKernel } from "./createGexKernel.js";
import type { GexSnapshot, StrikeGex } from "./types.js";

/**
 * The dealers' gamma picture at a spot and time, on the unstressed surface as the report's GEX profile and
 * Gamma Neutrality Price use it: net GEX (Σ sign·size·Γ·S²·1%), the dealers' delta and the hedge a 1% fall
 * asks of them (−(Δ(0.99·S) − Δ(S)): they hold −Δ of spot), the same over a grid of prices, GEX per strike,
 * the gamma flip (gammaNeutralityPrice: the root nearest the spot) and the call and put walls (the strikes
 * whose call, and put, GEX is largest in size). Each book's lines are first summed by instrument (type,
 * strike, expiry, dealer side): every greek is linear in size, so the numbers are the same up to float
 * rounding, and a position-level book of thousands of lines costs what its instruments cost.
 *
 * @param books - the option books.
 * @param spot - the underlying's price, USD.
 * @param timeSeconds - seconds since the books' start.
 * @param grid - the profile's range and step as fractions of the spot (default 0.5–1.5 every 0.02).
 * @returns the snapshot.
 * @example gexSnapshot(books, 3000, 0).gammaFlip
 */
export function gexSnapshot(
  input: readonly OptionBook[],
  spot: number,
  timeSeconds: number,
  grid: { from: number; to: number; step: number } = { from: 0.5, to: 1.5, step: 0.02 },
): GexSnapshot {
  const books = input.map(byInstrument);
  const kernel = createGexKernel(books, timeSeconds);
  const { at } = kernel;
  const flowOfFall = (price: number, delta: number) => -(at(price * 0.99).delta - delta);
  const here = at(spot);
  const profile: GexSnapshot["profile"] = [];
  const n = Math.round((grid.to - grid.from) / grid.step);
  for (let i = 0; i <= n; i++) {
    const price = spot * (grid.from + i * grid.step);
    const p = at(price);
    profile.push({ price, gexUsdPer1Pct: p.gex, hedgeFlowPer1PctFall: flowOfFall(price, p.delta) });
  }
  const perStrike = strikeGex(books, spot, kernel.lineGammas(spot));
  const wall = (side: "callUsdPer1Pct" | "putUsdPer1Pct") => {
    let best: StrikeGex | undefined;
    for (const s of perStrike)
      if (s[side] !== 0 && (!best || Math.abs(s[side]) > Math.abs(best[side]))) best = s;
    return best?.strike ?? null;
  };
  return {
    spot,
    timeSeconds,
    netGexUsdPer1Pct: here.gex,
    dealerDelta: here.delta,
    hedgeFlowPer1PctFall: flowOfFall(spot, here.delta),
    profile,
    perStrike,
    gammaFlip: gammaNeutralityPrice(books, spot, timeSeconds),
    callWall: wall("callUsdPer1Pct"),
    putWall: wall("putUsdPer1Pct"),
  };
}

/** Each strike's GEX at the spot, calls and puts apart (dealer's sign), strikes ascending, from each line's gamma. */
function strikeGex(books: readonly OptionBook[], spot: number, gammas: readonly Float64Array[]): StrikeGex[] {
  const byStrike = new Map<number, StrikeGex>();
  books.forEach((book, b) =>
    book.options.forEach((option, i) => {
      const gamma = gammas[b]![i]!;
      const gex = dealerSign(book.convention, option) * option.size * gamma * spot * spot * 0.01;
      const row = byStrike.get(option.strike) ?? {
        strike: option.strike,
        callUsdPer1Pct: 0,
        putUsdPer1Pct: 0,
        netUsdPer1Pct: 0,
      };
      if (option.type === "call") row.callUsdPer1Pct += gex;
      else row.putUsdPer1Pct += gex;
      row.netUsdPer1Pct += gex;
      byStrike.set(option.strike, row);
    }),
  );
  return [...byStrike.values()].sort((a, b) => a.strike - b.strike);
}

/** A book with its lines summed by instrument: one line per (type, strike, expiry) and dealer sign. */
function byInstrument(book: OptionBook): OptionBook {
  const lines = new Map<string, OptionPosition>();
  for (const option of book.options) {
    const sign = dealerSign(book.convention, option);
    const key = `${option.type}:${option.strike}:${option.expirySeconds}:${sign}`;
    const line = lines.get(key);
    if (line) line.size += option.size;
    else
      lines.set(key, {
        type: option.type,
        strike: option.strike,
        expirySeconds: option.expirySeconds,
        size: option.size,
        dealerSide: sign === 1 ? "long" : "short",
      });
  }
  return lines.size === book.options.length ? book : { ...book, options: [...lines.values()] };
}
