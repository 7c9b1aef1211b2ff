// Mirrors Morpho._isHealthy (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0).
import { MathLib } from "./MathLib.js";
import { SharesMathLib } from "./SharesMathLib.js";
import type { MorphoMarket, MorphoPosition } from "./types.js";
import { UtilsLib } from "./UtilsLib.js";

/**
 * Whether a position is healthy at `collateralPrice` (the oracle's price, 1e36-scaled and adjusted by the
 * two tokens' decimals): its debt, rounded up, at most its collateral's value rounded down, times the LLTV
 * rounded down. A position without borrow shares is healthy whatever the price (the contract does not read
 * the oracle for it).
 */
export function isHealthy(
  market: MorphoMarket,
  lltv: bigint,
  position: MorphoPosition,
  collateralPrice: bigint,
): boolean {
  if (position.borrowShares === 0n) return true;
  return maxBorrow(lltv, position.collateral, collateralPrice) >= borrowed(market, position);
}

/** The debt of a position, loan-token units, rounded up (as the health check reads it). */
export function borrowed(market: MorphoMarket, position: MorphoPosition): bigint {
  return SharesMathLib.toAssetsUp(position.borrowShares, market.totalBorrowAssets, market.totalBorrowShares);
}

/** The most a collateral may back at a price: collateral · price / 1e36, rounded down, times the LLTV, rounded down. */
export function maxBorrow(lltv: bigint, collateral: bigint, collateralPrice: bigint): bigint {
  return MathLib.wMulDown(MathLib.mulDivDown(collateral, collateralPrice, UtilsLib.ORACLE_PRICE_SCALE), lltv);
}
