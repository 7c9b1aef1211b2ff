const TABLE = Array.from({ length: 78 }, (_, i) => 10n ** BigInt(i));

/**
 * 10^n as a bigint, from a table for the exponents a uint256 can hold (0..77), computed beyond: token units
 * (10^decimals) are needed per position in hot loops, where `10n ** BigInt(n)` costs a bigint power each time.
 *
 * @example pow10(6) // 1_000_000n
 */
export function pow10(n: number): bigint {
  return TABLE[n] ?? 10n ** BigInt(n);
}
