// Mirrors aave-v3-origin 3.6.0 contracts/protocol/libraries/math/MathUtils.sol (interest accrual).
import { RAY, rayMul } from "./WadRayMath.js";

/** Aave ignores leap years. */
export const SECONDS_PER_YEAR = 365n * 24n * 3600n;

/**
 * Linear interest over `seconds` at `rateRay` a year (the supply side's liquidity index).
 * @example calculateLinearInterest(5n * 10n ** 25n, SECONDS_PER_YEAR) // RAY · 1.05
 */
export function calculateLinearInterest(rateRay: bigint, seconds: bigint): bigint {
  return RAY + (rateRay * seconds) / SECONDS_PER_YEAR;
}

/**
 * Compounded interest over `seconds` at `rateRay` a year, with the contract's three-term binomial
 * approximation of e^(rate·t): 1 + x + x·(x/2 + x·x/6) in ray arithmetic (the borrow index).
 * @example calculateCompoundedInterest(0n, 100n) // RAY
 */
export function calculateCompoundedInterest(rateRay: bigint, seconds: bigint): bigint {
  if (seconds === 0n) return RAY;
  const x = (rateRay * seconds) / SECONDS_PER_YEAR;
  return RAY + x + rayMul(x, x / 2n + rayMul(x, x / 6n));
}
