// Mirrors Morpho.repay (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0), transfers aside.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { accrueInterest } from "./accrueInterest.js";
import { SharesMathLib } from "./SharesMathLib.js";
import type {
  MorphoActionReturnType,
  MorphoAmount,
  MorphoMarket,
  MorphoMarketParams,
  MorphoPosition,
} from "./types.js";
import { UtilsLib } from "./UtilsLib.js";

/** A repayment: shares rounded down from assets, or assets up from shares (which may exceed the total borrow by 1). */
export function repay(
  stored: MorphoMarket,
  params: MorphoMarketParams,
  onBehalf: MorphoPosition,
  { assets, shares, nowSeconds }: MorphoAmount,
): MorphoActionReturnType {
  if (!UtilsLib.exactlyOneZero(assets, shares)) throw new MathRevertError("Morpho: inconsistent input.");
  const accrued = accrueInterest(stored, params, nowSeconds);
  const market = { ...accrued.market };
  if (assets > 0n)
    shares = SharesMathLib.toSharesDown(assets, market.totalBorrowAssets, market.totalBorrowShares);
  else assets = SharesMathLib.toAssetsUp(shares, market.totalBorrowAssets, market.totalBorrowShares);
  const position = {
    ...onBehalf,
    borrowShares: UtilsLib.sub(onBehalf.borrowShares, UtilsLib.toUint128(shares)),
  };
  market.totalBorrowShares = UtilsLib.sub(market.totalBorrowShares, UtilsLib.toUint128(shares));
  market.totalBorrowAssets = UtilsLib.toUint128(UtilsLib.zeroFloorSub(market.totalBorrowAssets, assets));
  return { market, position, assets, shares, feeShares: accrued.feeShares };
}
