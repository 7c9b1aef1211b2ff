/**
 * How many tick-bitmap words on each side of the current tick hold every initialised tick for prices within
 * `factor` of today's (either way). A word covers 256 spaced ticks, and a tick is a factor 1.0001 of price,
 * so one word spans 1.0001^(256·spacing): ×1.29 at spacing 10, ×4.6 at spacing 60. From anywhere inside the
 * current word (always read), a tick d words of ticks away lies at most ceil(d) words away; that many suffice.
 *
 * @param tickSpacing - the pool's tick spacing.
 * @param factor - price range to cover each way (> 1).
 * @returns words per side.
 * @example bitmapWordsToCover(10, 20) // 12
 */
export function bitmapWordsToCover(tickSpacing: number, factor: number): number {
  const ticks = Math.log(factor) / Math.log(1.0001);
  return Math.ceil(ticks / (256 * tickSpacing));
}
