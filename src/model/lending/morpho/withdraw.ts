// Mirrors Morpho.withdraw (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0), transfers aside.
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

/** Withdrawal of supplied loan tokens: shares rounded up from assets, or assets down from shares; the market must keep its borrows covered. */
export function withdraw(
  stored: MorphoMarket,
  params: MorphoMarketParams,
  onBehalf: MorphoPosition,
  { assets, shares, nowSeconds }: MorphoAmount,
): MorphoActionReturnType {
  if (!UtilsLib.exactlyOneZero(assets, shares)) throw new MathRevertError("Morpho: inconsistent input.");
  const accrued = accrueInterest(stored, params, nowSeconds);
  const market = { ...accrued.market };
  if (assets > 0n)
    shares = SharesMathLib.toSharesUp(assets, market.totalSupplyAssets, market.totalSupplyShares);
  else assets = SharesMathLib.toAssetsDown(shares, market.totalSupplyAssets, market.totalSupplyShares);
  const position = { ...onBehalf, supplyShares: UtilsLib.sub(onBehalf.supplyShares, shares) };
  market.totalSupplyShares = UtilsLib.sub(market.totalSupplyShares, UtilsLib.toUint128(shares));
  market.totalSupplyAssets = UtilsLib.sub(market.totalSupplyAssets, UtilsLib.toUint128(assets));
  if (market.totalBorrowAssets > market.totalSupplyAssets)
    throw new MathRevertError("Morpho: insufficient liquidity.");
  return { market, position, assets, shares, feeShares: accrued.feeShares };
}
