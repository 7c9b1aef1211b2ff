// Mirrors Morpho.withdrawCollateral (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0), transfers aside.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { accrueInterest } from "./accrueInterest.js";
import { isHealthy } from "./isHealthy.js";
import type { MorphoMarket, MorphoMarketParams, MorphoPosition } from "./types.js";
import { UtilsLib } from "./UtilsLib.js";

export type WithdrawCollateralReturnType = {
  market: MorphoMarket;
  position: MorphoPosition;
  feeShares: bigint;
};

/** Collateral taken out of a position, which must stay healthy at `collateralPrice` (interest accrued first). */
export function withdrawCollateral(
  stored: MorphoMarket,
  params: MorphoMarketParams,
  onBehalf: MorphoPosition,
  { assets, nowSeconds, collateralPrice }: { assets: bigint; nowSeconds: bigint; collateralPrice: bigint },
): WithdrawCollateralReturnType {
  if (assets === 0n) throw new MathRevertError("Morpho: zero assets.");
  const accrued = accrueInterest(stored, params, nowSeconds);
  const position = { ...onBehalf, collateral: UtilsLib.sub(onBehalf.collateral, UtilsLib.toUint128(assets)) };
  if (!isHealthy(accrued.market, params.lltv, position, collateralPrice))
    throw new MathRevertError("Morpho: insufficient collateral.");
  return { market: accrued.market, position, feeShares: accrued.feeShares };
}
