/**
 * How many tick-bitmap words on each side of the current tick hold every initialised tick for prices within
 * `factor` of today's (either way). A word covers 256 spaced ticks, and a tick is a factor 1.0001 of price,
 * so one word spans 1.0001^(256·spacing): ×1.29 at spacing 10, ×4.6 at spacing 60. One word is added for
 * the partly covered word the current tick sits in.
 *
 * @param tickSpacing - the pool's tick spacing.
 * @param factor - price range to cover each way (> 1).
 * @returns words per side.
 * @example bitmapWordsToCover(10, 20) // 13
 */
export function bitmapWordsToCover(tickSpacing: number, factor: number): number {
  const ticks = Math.log(factor) / Math.log(1.0001);
  return Math.ceil(ticks / (256 * tickSpacing)) + 1;
}
