import { getAmountOut } from "./UniswapV2Library.js";

/**
 * The largest exact input of a V2 swap after which the input token's spot price in the pair,
 * `reserveOut' / reserveIn'`, is still at least `ratio` (numerator / denominator, below 1) times what it
 * was: the V2 counterpart of a V3 swap stopped by a price limit. The fee stays in the reserves, so it is
 * counted: with fee share φ = fee/10,000 and γ = 1 − φ, the continuous answer solves
 * (x + γa)(x + a) = x² / ratio, a = x·(√((1+γ)² + 4γ(1/ratio − 1)) − (1+γ)) / (2γ); the integer answer
 * is found from that estimate by exact checks with getAmountOut.
 *
 * @param reserveIn - the input token's reserve.
 * @param reserveOut - the output token's reserve.
 * @param feeBps - the pair's fee (30 for Uniswap V2).
 * @param ratio - target price ratio as a fraction below 1.
 * @returns the input amount (0 when even one wei overshoots).
 * @example amountInToPrice(17_045n * 10n ** 18n, 51_137_000n * 10n ** 6n, 30n, { numerator: 95n, denominator: 100n })
 */
export function amountInToPrice(
  reserveIn: bigint,
  reserveOut: bigint,
  feeBps: bigint,
  ratio: { numerator: bigint; denominator: bigint },
): bigint {
  // Price kept at or above ratio × start: (reserveOut − out)·reserveIn·den ≥ num·reserveOut·(reserveIn + a).
  const keeps = (a: bigint): boolean => {
    if (a === 0n) return true;
    const out = getAmountOut(a, reserveIn, reserveOut, feeBps);
    return (
      (reserveOut - out) * reserveIn * ratio.denominator >= ratio.numerator * reserveOut * (reserveIn + a)
    );
  };
  const gamma = 1 - Number(feeBps) / 10_000;
  const q = Number(ratio.numerator) / Number(ratio.denominator);
  const x = Number(reserveIn);
  const estimate = (x * (Math.sqrt((1 + gamma) ** 2 + 4 * gamma * (1 / q - 1)) - (1 + gamma))) / (2 * gamma);
  // Bracket around the estimate (float error is far below 1e-9 of it), widening until it holds.
  const guess = BigInt(Math.max(0, Math.floor(estimate)));
  let width = guess / 1_000_000_000n + 2n;
  let lo = guess > width ? guess - width : 0n;
  while (!keeps(lo)) {
    width *= 2n;
    lo = lo > width ? lo - width : 0n;
  }
  let hi = guess + width;
  while (keeps(hi)) {
    lo = hi;
    width *= 2n;
    hi += width;
  }
  // keeps(lo), !keeps(hi): the largest that keeps is in [lo, hi).
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (keeps(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
