// Mirrors the bit layout of @aave/core-v3 1.19.3 ReserveConfiguration.sol (unchanged in aave-v3-origin
// 3.3 for the fields read here) and UserConfiguration.sol.

/** Reads `bits` bits starting at bit `start` of a reserve configuration word. */
function field(data: bigint, start: bigint, bits: bigint): bigint {
  return (data >> start) & ((1n << bits) - 1n);
}

export const getLtv = (data: bigint): bigint => field(data, 0n, 16n);
export const getLiquidationThreshold = (data: bigint): bigint => field(data, 16n, 16n);
export const getLiquidationBonus = (data: bigint): bigint => field(data, 32n, 16n);
export const getDecimals = (data: bigint): number => Number(field(data, 48n, 8n));
export const getActive = (data: bigint): boolean => field(data, 56n, 1n) === 1n;
export const getFrozen = (data: bigint): boolean => field(data, 57n, 1n) === 1n;
export const getBorrowingEnabled = (data: bigint): boolean => field(data, 58n, 1n) === 1n;
export const getPaused = (data: bigint): boolean => field(data, 60n, 1n) === 1n;
export const getReserveFactor = (data: bigint): bigint => field(data, 64n, 16n);
export const getBorrowCap = (data: bigint): bigint => field(data, 80n, 36n);
export const getSupplyCap = (data: bigint): bigint => field(data, 116n, 36n);
export const getLiquidationProtocolFee = (data: bigint): bigint => field(data, 152n, 16n);

/** UserConfiguration: reserve `id` is used as collateral when bit 2·id+1 is set. */
export const isUsingAsCollateral = (userConfig: bigint, id: number): boolean =>
  ((userConfig >> BigInt(id * 2 + 1)) & 1n) === 1n;
/** UserConfiguration: the user borrows reserve `id` when bit 2·id is set. */
export const isBorrowing = (userConfig: bigint, id: number): boolean =>
  ((userConfig >> BigInt(id * 2)) & 1n) === 1n;
