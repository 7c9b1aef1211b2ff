import { createGexKernel } from "../gex/createGexKernel.js";
import { bisect } from "../math/bisect.js";
import type { OptionBook } from "../options/types.js";

/**
 * The Gamma Neutrality Price: where the dealers' aggregate gamma exposure changes sign (the "gamma
 * flip"), found by root-finding on GEX(S) over [0.2·spot, 3·spot] with the surface unstressed. Below it
 * dealers are short gamma and sell into falls. Returns the root nearest the spot (the lowest on a tie), or
 * null if none.
 *
 * The grid is the one a full scan takes (every 0.005·spot from 0.2·spot): each bracket whose ends differ
 * in sign, or starts at a zero, is bisected, and the root nearest the spot wins. The brackets are visited
 * outward from the spot and the search stops when the next bracket is farther than the best root found,
 * since no root in it could be nearer: the result is the full scan's, for the GEX of a few dozen prices
 * instead of ~560.
 */
export function gammaNeutralityPrice(
  books: readonly OptionBook[],
  spot: number,
  timeSeconds = 0,
): number | null {
  const memo = new Map<number, number>();
  const kernel = createGexKernel(books, timeSeconds);
  const gex = (s: number) => {
    let v = memo.get(s);
    if (v === undefined) {
      v = kernel.gexAt(s);
      memo.set(s, v);
    }
    return v;
  };
  const grid: number[] = [];
  for (let x = 0.2; x <= 3.0001; x += 0.005) grid.push(spot * x);
  // Bracket i is [grid[i−1], grid[i]]; its nearest point to the spot bounds its roots' distance.
  const near = (i: number) =>
    grid[i]! < spot ? spot - grid[i]! : grid[i - 1]! > spot ? grid[i - 1]! - spot : 0;
  // grid[0] is 0.2·spot and the last 3·spot: the spot's bracket is inside.
  let up = Math.max(
    1,
    grid.findIndex((g) => g >= spot),
  );
  let down = up - 1;
  let best: { root: number; distance: number; index: number } | null = null;
  for (;;) {
    const canUp = up < grid.length;
    const canDown = down >= 1;
    if (!canUp && !canDown) break;
    const i = !canDown || (canUp && near(up) <= near(down)) ? up++ : down--;
    if (best && near(i) > best.distance) {
      // Every bracket left on this side is farther still; the other side decides the rest.
      if (i === up - 1) up = grid.length;
      else down = 0;
      continue;
    }
    const prev = gex(grid[i - 1]!);
    const cur = gex(grid[i]!);
    if (prev !== 0 && Math.sign(prev) === Math.sign(cur)) continue;
    const root = bisect(gex, grid[i - 1]!, grid[i]!, spot * 1e-9);
    const distance = Math.abs(root - spot);
    if (!best || distance < best.distance || (distance === best.distance && i < best.index))
      best = { root, distance, index: i };
  }
  return best?.root ?? null;
}
