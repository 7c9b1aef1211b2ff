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
  grid: GexGrid = DEFAULT_GEX_GRID,
): GexSnapshot {
  return startGexSnapshot(input, spot, timeSeconds, grid).finish();
}

/**
 * gexSnapshot in two steps, so that part of it can run on another thread: `startGexSnapshot` computes the
 * GEX and delta at the spot and at each grid price, the GEX per strike and the walls; `finish(known)`
 * completes it with the flip and the deltas 1% below each grid price, computed here unless `known` brings
 * them (found by the same functions on `byInstrument` books: gammaNeutralityPrice, profileFallDeltas).
 *
 * @returns `finish(known?)`, and `fallDeltas(from, to)`: the deltas 1% below grid prices from…to−1.
 */
export function startGexSnapshot(
  input: readonly OptionBook[],
  spot: number,
  timeSeconds: number,
  grid: GexGrid = DEFAULT_GEX_GRID,
): { finish(known?: GexSplit): GexSnapshot; fallDeltas(from: number, to: number): number[] } {
  const { books, strikes } = prepare(input);
  const kernel = createGexKernel(books, timeSeconds);
  const { at } = kernel;
  const here = at(spot);
  const prices = gexGridPrices(spot, grid);
  const points = prices.map((price) => at(price));
  const perStrike = strikeGex(strikes, spot, kernel.lineGammas(spot));
  const wall = (side: "callUsdPer1Pct" | "putUsdPer1Pct") => {
    let best: StrikeGex | undefined;
    for (const s of perStrike)
      if (s[side] !== 0 && (!best || Math.abs(s[side]) > Math.abs(best[side]))) best = s;
    return best?.strike ?? null;
  };
  const callWall = wall("callUsdPer1Pct");
  const putWall = wall("putUsdPer1Pct");
  const hedgeFlowPer1PctFall = -(at(spot * 0.99).delta - here.delta);
  return {
    fallDeltas: (from, to) => profileFallDeltas(kernel, prices.slice(from, to)),
    finish(known) {
      const fallen = known?.fallDeltas ?? profileFallDeltas(kernel, prices);
      return {
        spot,
        timeSeconds,
        netGexUsdPer1Pct: here.gex,
        dealerDelta: here.delta,
        hedgeFlowPer1PctFall,
        profile: prices.map((price, i) => ({
          price,
          gexUsdPer1Pct: points[i]!.gex,
          hedgeFlowPer1PctFall: -(fallen[i]! - points[i]!.delta),
        })),
        perStrike,
        gammaFlip: known ? known.gammaFlip : gammaNeutralityPrice(books, spot, timeSeconds),
        callWall,
        putWall,
      };
    },
  };
}

/** The profile's range and step, as fractions of the spot. */
export type GexGrid = { from: number; to: number; step: number };
export const DEFAULT_GEX_GRID: GexGrid = { from: 0.5, to: 1.5, step: 0.02 };

/** The part of a snapshot that can be computed on another thread, by the same code on the same books. */
export type GexSplit = { gammaFlip: number | null; fallDeltas?: readonly number[] };

/** The profile's prices: spot × (from + i·step), i = 0…n. */
export function gexGridPrices(spot: number, grid: GexGrid = DEFAULT_GEX_GRID): number[] {
  const n = Math.round((grid.to - grid.from) / grid.step);
  return Array.from({ length: n + 1 }, (_, i) => spot * (grid.from + i * grid.step));
}

/** The dealers' delta 1% below each price (a 1% fall's hedge is minus its change). */
export function profileFallDeltas(
  kernel: ReturnType<typeof createGexKernel>,
  prices: readonly number[],
): number[] {
  return prices.map((price) => kernel.at(price * 0.99).delta);
}

/** Where each line's GEX goes in the per-strike table: the strikes ascending, each line's row, sign × size, call or not. */
type StrikeLayout = { strikes: number[]; row: Int32Array[]; signedSize: Float64Array[]; call: Uint8Array[] };

/**
 * The books by instrument and their strike layout, kept for the same array of books (a feed passes the same
 * books every block, and they do not change): a 10,000-instrument book's grouping and strike sort cost
 * more than a millisecond each, every block.
 */
const PREPARED = new WeakMap<readonly OptionBook[], { books: OptionBook[]; strikes: StrikeLayout }>();
function prepare(input: readonly OptionBook[]): { books: OptionBook[]; strikes: StrikeLayout } {
  const known = PREPARED.get(input);
  if (known) return known;
  const books = input.map(byInstrument);
  const strikes = [...new Set(books.flatMap((b) => b.options.map((o) => o.strike)))].sort((a, b) => a - b);
  const index = new Map(strikes.map((k, i) => [k, i]));
  const prepared = {
    books,
    strikes: {
      strikes,
      row: books.map((b) => Int32Array.from(b.options, (o) => index.get(o.strike)!)),
      signedSize: books.map((b) => Float64Array.from(b.options, (o) => dealerSign(b.convention, o) * o.size)),
      call: books.map((b) => Uint8Array.from(b.options, (o) => (o.type === "call" ? 1 : 0))),
    },
  };
  PREPARED.set(input, prepared);
  return prepared;
}

/** Each strike's GEX at the spot, calls and puts apart (dealer's sign), strikes ascending, from each line's gamma. */
function strikeGex(layout: StrikeLayout, spot: number, gammas: readonly Float64Array[]): StrikeGex[] {
  const n = layout.strikes.length;
  const calls = new Float64Array(n);
  const puts = new Float64Array(n);
  const net = new Float64Array(n);
  // Books in order, lines in order: each row sums its lines in the order a Map of rows would.
  gammas.forEach((lineGamma, b) => {
    const row = layout.row[b]!;
    const signedSize = layout.signedSize[b]!;
    const call = layout.call[b]!;
    for (let i = 0; i < lineGamma.length; i++) {
      const gex = signedSize[i]! * lineGamma[i]! * spot * spot * 0.01;
      const r = row[i]!;
      if (call[i]) calls[r] += gex;
      else puts[r] += gex;
      net[r] += gex;
    }
  });
  return layout.strikes.map((strike, r) => ({
    strike,
    callUsdPer1Pct: calls[r]!,
    putUsdPer1Pct: puts[r]!,
    netUsdPer1Pct: net[r]!,
  }));
}

/** A book with its lines summed by instrument: one line per (type, strike, expiry) and dealer sign. */
export function byInstrument(book: OptionBook): OptionBook {
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
