/**
 * A generator's asset mix as value shares that sum to 1: one symbol is all of it; a record of weights is
 * normalised (its order kept).
 *
 * @param mix - a symbol, or weights per symbol.
 * @returns [symbol, share] pairs.
 * @example assetWeights({ WETH: 3, USDC: 1 }) // [["WETH", 0.75], ["USDC", 0.25]]
 */
export function assetWeights(mix: string | Readonly<Record<string, number>>): [string, number][] {
  if (typeof mix === "string") return [[mix, 1]];
  const entries = Object.entries(mix);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return entries.map(([symbol, w]) => [symbol, w / total]);
}
