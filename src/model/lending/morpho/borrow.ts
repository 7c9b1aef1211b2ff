// Mirrors Morpho.borrow (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0), transfers aside.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { accrueInterest } from "./accrueInterest.js";
import { isHealthy } from "./isHealthy.js";
import { SharesMathLib } from "./SharesMathLib.js";
import type {
  MorphoActionReturnType,
  MorphoAmount,
  MorphoMarket,
  MorphoMarketParams,
  MorphoPosition,
} from "./types.js";
import { UtilsLib } from "./UtilsLib.js";

/**
 * A borrow: shares rounded up from assets, or assets down from shares; the position must stay healthy at
 * `collateralPrice` and the market's borrows within its supply.
 */
export function borrow(
  stored: MorphoMarket,
  params: MorphoMarketParams,
  onBehalf: MorphoPosition,
  { assets, shares, nowSeconds, collateralPrice }: MorphoAmount & { collateralPrice: bigint },
): MorphoActionReturnType {
  if (!UtilsLib.exactlyOneZero(assets, shares)) throw new MathRevertError("Morpho: inconsistent input.");
  const accrued = accrueInterest(stored, params, nowSeconds);
  const market = { ...accrued.market };
  if (assets > 0n)
    shares = SharesMathLib.toSharesUp(assets, market.totalBorrowAssets, market.totalBorrowShares);
  else assets = SharesMathLib.toAssetsDown(shares, market.totalBorrowAssets, market.totalBorrowShares);
  const position = {
    ...onBehalf,
    borrowShares: UtilsLib.add128(onBehalf.borrowShares, UtilsLib.toUint128(shares)),
  };
  market.totalBorrowShares = UtilsLib.add128(market.totalBorrowShares, UtilsLib.toUint128(shares));
  market.totalBorrowAssets = UtilsLib.add128(market.totalBorrowAssets, UtilsLib.toUint128(assets));
  if (!isHealthy(market, params.lltv, position, collateralPrice))
    throw new MathRevertError("Morpho: insufficient collateral.");
  if (market.totalBorrowAssets > market.totalSupplyAssets)
    throw new MathRevertError("Morpho: insufficient liquidity.");
  return { market, position, assets, shares, feeShares: accrued.feeShares };
}
