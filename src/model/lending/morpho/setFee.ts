// Mirrors Morpho.setFee (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0).
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { accrueInterest } from "./accrueInterest.js";
import type { MorphoMarket, MorphoMarketParams } from "./types.js";
import { UtilsLib } from "./UtilsLib.js";

/** A new fee (WAD, at most 25%): interest is accrued at the old fee first. */
export function setFee(
  stored: MorphoMarket,
  params: MorphoMarketParams,
  { newFee, nowSeconds }: { newFee: bigint; nowSeconds: bigint },
): { market: MorphoMarket; feeShares: bigint } {
  if (newFee === stored.fee) throw new MathRevertError("Morpho: already set.");
  if (newFee > UtilsLib.MAX_FEE) throw new MathRevertError("Morpho: max fee exceeded.");
  const accrued = accrueInterest(stored, params, nowSeconds);
  return { market: { ...accrued.market, fee: newFee }, feeShares: accrued.feeShares };
}
