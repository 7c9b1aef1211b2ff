/**
 * Adds one position's loss to `channels`, split over its collateral tokens by their value (the tokens the
 * loss came through); a position with no collateral value puts it all on `fallback`.
 *
 * @param channels - USD per token, accumulated (see LendingMarket.insolventOpenUsd).
 * @param lossUsd - the position's debt above its collateral, USD.
 * @param parts - each collateral token and its value, USD.
 * @param fallback - the channel for a position whose collateral is worth nothing.
 */
export function splitLoss(
  channels: Map<string, number>,
  lossUsd: number,
  parts: readonly (readonly [string, number])[],
  fallback: string,
): void {
  const total = parts.reduce((s, [, v]) => s + v, 0);
  if (!(total > 0)) {
    addLoss(channels, fallback, lossUsd);
    return;
  }
  for (const [symbol, usd] of parts) if (usd > 0) addLoss(channels, symbol, (lossUsd * usd) / total);
}

/** Adds `usd` to a token's channel. */
export function addLoss(channels: Map<string, number>, token: string, usd: number): void {
  channels.set(token, (channels.get(token) ?? 0) + usd);
}
