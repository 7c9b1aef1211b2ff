// Mirrors @aave/core-v3 1.19.3 contracts/protocol/libraries/math/PercentageMath.sol (basis points, half up).
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
