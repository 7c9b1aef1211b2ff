// Mirrors WadRayMath.sol: @aave/core-v3 1.19.3 (half-up rounding) and aave-v3-origin 3.6's Floor/Ceil variants.
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
/** a·b / RAY, rounded down (v3.5+). */
export function rayMulFloor(a: bigint, b: bigint): bigint {
  return (a * b) / RAY;
}
/** a·b / RAY, rounded up (v3.5+). */
export function rayMulCeil(a: bigint, b: bigint): bigint {
  const product = a * b;
  return product / RAY + (product % RAY !== 0n ? 1n : 0n);
}
/** a·RAY / b, rounded down (v3.5+). */
export function rayDivFloor(a: bigint, b: bigint): bigint {
  return (a * RAY) / b;
}
/** a·RAY / b, rounded up (v3.5+). */
export function rayDivCeil(a: bigint, b: bigint): bigint {
  const scaled = a * RAY;
  return scaled / b + (scaled % b !== 0n ? 1n : 0n);
}
