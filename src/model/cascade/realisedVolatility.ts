/**
 * Annualised realised volatility of the last `window` log returns of a price series (one price a block):
 * the root mean square of the returns times √(blocks a year); 0 with fewer than two prices. What the option
 * books' stress and the risk stewards read.
 *
 * @example realisedVolatility([100, 110, 99], 2, 4) // 0.200922
 */
export function realisedVolatility(prices: readonly number[], window: number, blocksPerYear: number): number {
  const last = prices.slice(-window - 1);
  let sumSq = 0;
  for (let i = 1; i < last.length; i++) sumSq += Math.log(last[i]! / last[i - 1]!) ** 2;
  return last.length > 1 ? Math.sqrt((sumSq / (last.length - 1)) * blocksPerYear) : 0;
}
