// Mirrors @aave/core-v3 1.19.3 contracts/protocol/libraries/math/WadRayMath.sol (half-up rounding).
export const WAD = 10n ** 18n;
export const HALF_WAD = WAD / 2n;
export const RAY = 10n ** 27n;
export const HALF_RAY = RAY / 2n;

/** a·b / WAD, rounded half up. */
export function wadMul(a: bigint, b: bigint): bigint {
  return (a * b + HALF_WAD) / WAD;
}
/** a·WAD / b, rounded half up. */
export function wadDiv(a: bigint, b: bigint): bigint {
  return (a * WAD + b / 2n) / b;
}
/** a·b / RAY, rounded half up. */
export function rayMul(a: bigint, b: bigint): bigint {
  // (a·RAY + RAY/2) / RAY = a for a ≥ 0: an index still at 1 (every model-built reserve) costs nothing.
  if (b === RAY && a >= 0n) return a;
  return (a * b + HALF_RAY) / RAY;
}
/** a·RAY / b, rounded half up. */
export function rayDiv(a: bigint, b: bigint): bigint {
  if (b === RAY && a >= 0n) return a;
  return (a * RAY + b / 2n) / b;
}
