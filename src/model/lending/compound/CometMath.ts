// Mirrors compound-finance/comet contracts/CometCore.sol and CometMath.sol: factors are 1e18-scaled,
// indices 1e15-scaled; borrow principal rounds up, supply principal down; signed division truncates
// toward zero exactly like bigint division.
export const FACTOR_SCALE = 10n ** 18n;
export const BASE_INDEX_SCALE = 10n ** 15n;

/** n · factor / 1e18. */
export function mulFactor(n: bigint, factor: bigint): bigint {
  return (n * factor) / FACTOR_SCALE;
}
/** n · price / fromScale (value in the price's units, 8 decimals). */
export function mulPrice(n: bigint, price: bigint, fromScale: bigint): bigint {
  return (n * price) / fromScale;
}
/** Signed n · price / fromScale, truncating toward zero. */
export function signedMulPrice(n: bigint, price: bigint, fromScale: bigint): bigint {
  return (n * price) / fromScale;
}
/** n · toScale / price. */
export function divPrice(n: bigint, price: bigint, toScale: bigint): bigint {
  return (n * toScale) / price;
}
/** Present value of a signed principal. */
export function presentValue(principal: bigint, baseSupplyIndex: bigint, baseBorrowIndex: bigint): bigint {
  return principal >= 0n
    ? (principal * baseSupplyIndex) / BASE_INDEX_SCALE
    : -((-principal * baseBorrowIndex) / BASE_INDEX_SCALE);
}
/** Principal of a signed present value (borrow rounds up, supply down). */
export function principalValue(
  presentValueAmount: bigint,
  baseSupplyIndex: bigint,
  baseBorrowIndex: bigint,
): bigint {
  return presentValueAmount >= 0n
    ? (presentValueAmount * BASE_INDEX_SCALE) / baseSupplyIndex
    : -((-presentValueAmount * BASE_INDEX_SCALE + baseBorrowIndex - 1n) / baseBorrowIndex);
}
/** CometCore.repayAndSupplyAmount: how a principal change splits into repaid borrow and new supply. */
export function repayAndSupplyAmount(oldPrincipal: bigint, newPrincipal: bigint): [bigint, bigint] {
  if (newPrincipal < oldPrincipal) return [0n, 0n];
  if (newPrincipal <= 0n) return [newPrincipal - oldPrincipal, 0n];
  if (oldPrincipal >= 0n) return [0n, newPrincipal - oldPrincipal];
  return [-oldPrincipal, newPrincipal];
}
