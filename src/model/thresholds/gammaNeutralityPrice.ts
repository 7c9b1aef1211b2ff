import { bisect } from "../math/bisect.js";
import type { OptionBook } from "../options/types.js";
import { netGexUsdPer1Pct } from "./gexProfile.js";

/**
 * The Gamma Neutrality Price: where the dealers' aggregate gamma exposure changes sign (the "gamma
 * flip"), found by root-finding on GEX(S) over [0.2·spot, 3·spot] with the surface unstressed. Below it
 * dealers are short gamma and sell into falls. Returns the root nearest the spot, or null if none.
 */
export function gammaNeutralityPrice(
  books: readonly OptionBook[],
  spot: number,
  timeSeconds = 0,
): number | null {
  const gex = (s: number) => netGexUsdPer1Pct(books, s, timeSeconds);
  const grid: number[] = [];
  for (let x = 0.2; x <= 3.0001; x += 0.005) grid.push(spot * x);
  let best: number | null = null;
  let prev = gex(grid[0]!);
  for (let i = 1; i < grid.length; i++) {
    const cur = gex(grid[i]!);
    if (prev === 0 || Math.sign(prev) !== Math.sign(cur)) {
      const root = bisect(gex, grid[i - 1]!, grid[i]!, spot * 1e-9);
      if (best === null || Math.abs(root - spot) < Math.abs(best - spot)) best = root;
    }
    prev = cur;
  }
  return best;
}
