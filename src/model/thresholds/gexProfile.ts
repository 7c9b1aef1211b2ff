import { createGexKernel } from "../gex/createGexKernel.js";
import type { OptionBook } from "../options/types.js";

/**
 * Net dealer gamma exposure of the books at a spot price, USD per 1% move, the surface unstressed (the
 * dealer sign convention of each book: negative means dealers sell into falls).
 *
 * @param books - the option books.
 * @param spot - the underlying's price, USD.
 * @param timeSeconds - time since the scenario start (options age).
 * @returns GEX in USD per 1% move.
 */
export function netGexUsdPer1Pct(books: readonly OptionBook[], spot: number, timeSeconds = 0): number {
  // bookGreeks' numbers to rounding (within 1e-13 of the gross GEX), at a fraction of its cost (createGexKernel).
  return createGexKernel(books, timeSeconds).at(spot).gex;
}

/**
 * The GEX profile: net dealer GEX per 1% move over a price grid around spot (from `from` to `to` times spot,
 * every `step`), what a GEX chart plots with the gamma flip (the Gamma Neutrality Price) on it.
 *
 * @param books - the option books.
 * @param spot - the price the grid is relative to.
 * @param grid - range and step as fractions of spot (default 0.5 to 1.5 every 0.02).
 * @returns one point per grid price.
 * @example gexProfile(books, 3000)[25]; // { price: 3000, gexUsdPer1Pct: … }
 */
export function gexProfile(
  books: readonly OptionBook[],
  spot: number,
  grid: { from: number; to: number; step: number } = { from: 0.5, to: 1.5, step: 0.02 },
): { price: number; gexUsdPer1Pct: number }[] {
  const points: { price: number; gexUsdPer1Pct: number }[] = [];
  const { at } = createGexKernel(books, 0);
  const n = Math.round((grid.to - grid.from) / grid.step);
  for (let i = 0; i <= n; i++) {
    const price = spot * (grid.from + i * grid.step);
    points.push({ price, gexUsdPer1Pct: at(price).gex });
  }
  return points;
}
