// Mirrors PercentageMath.sol (basis points): @aave/core-v3 1.19.3 (half up) and aave-v3-origin 3.6's Ceil/Floor variants.
export const PERCENTAGE_FACTOR = 10_000n;
export const HALF_PERCENTAGE_FACTOR = 5_000n;

/** value · percentage / 1e4, rounded half up. */
export function percentMul(value: bigint, percentage: bigint): bigint {
  return (value * percentage + HALF_PERCENTAGE_FACTOR) / PERCENTAGE_FACTOR;
}
/** value · 1e4 / percentage, rounded half up. */
export function percentDiv(value: bigint, percentage: bigint): bigint {
  return (value * PERCENTAGE_FACTOR + percentage / 2n) / percentage;
}
/** value · 1e4 / percentage, rounded up (v3.5+). */
export function percentDivCeil(value: bigint, percentage: bigint): bigint {
  const v = value * PERCENTAGE_FACTOR;
  return v / percentage + (v % percentage !== 0n ? 1n : 0n);
}
/** value · percentage / 1e4, rounded down (v3.5+). */
export function percentMulFloor(value: bigint, percentage: bigint): bigint {
  return (value * percentage) / PERCENTAGE_FACTOR;
}
/** a · b / c, rounded up: MathUtils.mulDivCeil (v3.5+). */
export function mulDivCeil(a: bigint, b: bigint, c: bigint): bigint {
  const product = a * b;
  return product / c + (product % c !== 0n ? 1n : 0n);
}
/** value · percentage / 1e4, rounded up (v3.5+). */
export function percentMulCeil(value: bigint, percentage: bigint): bigint {
  const v = value * percentage;
  return v / PERCENTAGE_FACTOR + (v % PERCENTAGE_FACTOR !== 0n ? 1n : 0n);
}
/** value · 1e4 / percentage, rounded down (v3.7). */
export function percentDivFloor(value: bigint, percentage: bigint): bigint {
  return (value * PERCENTAGE_FACTOR) / percentage;
}
