// Mirrors Morpho.supply (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0), transfers aside.
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

/** Supply of loan tokens: shares rounded down from assets, or assets rounded up from shares. */
export function supply(
  stored: MorphoMarket,
  params: MorphoMarketParams,
  onBehalf: MorphoPosition,
  { assets, shares, nowSeconds }: MorphoAmount,
): MorphoActionReturnType {
  if (!UtilsLib.exactlyOneZero(assets, shares)) throw new MathRevertError("Morpho: inconsistent input.");
  const accrued = accrueInterest(stored, params, nowSeconds);
  const market = { ...accrued.market };
  if (assets > 0n)
    shares = SharesMathLib.toSharesDown(assets, market.totalSupplyAssets, market.totalSupplyShares);
  else assets = SharesMathLib.toAssetsUp(shares, market.totalSupplyAssets, market.totalSupplyShares);
  const position = { ...onBehalf, supplyShares: onBehalf.supplyShares + shares };
  market.totalSupplyShares = UtilsLib.add128(market.totalSupplyShares, UtilsLib.toUint128(shares));
  market.totalSupplyAssets = UtilsLib.add128(market.totalSupplyAssets, UtilsLib.toUint128(assets));
  return { market, position, assets, shares, feeShares: accrued.feeShares };
}
