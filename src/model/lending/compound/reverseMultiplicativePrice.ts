// Mirrors compound-finance/comet contracts/pricefeeds/ReverseMultiplicativePriceFeed.sol (latestRoundData).

/**
 * The answer of Comet's ReverseMultiplicativePriceFeed over two 8-decimal feeds, at 8 decimals: A's price in
 * B's units, `priceA · scaleB · scale / priceB / scaleA`, each division truncating; 0 when either answer is
 * not positive (the feed returns 0, which Comet's getPrice then refuses).
 *
 * @param priceA - feed A's answer (the asset, USD, 8 decimals).
 * @param priceB - feed B's answer (the base, USD, 8 decimals).
 * @returns A / B, 8 decimals.
 * @example reverseMultiplicativePrice(363_000_000_000n, 300_000_000_000n); // 121_000_000n
 */
export function reverseMultiplicativePrice(priceA: bigint, priceB: bigint): bigint {
  if (priceA <= 0n || priceB <= 0n) return 0n;
  const scale = 10n ** 8n;
  return (priceA * scale * scale) / priceB / scale;
}
