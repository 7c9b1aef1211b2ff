// Mirrors Morpho.supplyCollateral (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0), transfers aside.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import type { MorphoPosition } from "./types.js";
import { UtilsLib } from "./UtilsLib.js";

/** Collateral added to a position; the contract does not accrue interest here (the market is unchanged). */
export function supplyCollateral(onBehalf: MorphoPosition, assets: bigint): MorphoPosition {
  if (assets === 0n) throw new MathRevertError("Morpho: zero assets.");
  return { ...onBehalf, collateral: UtilsLib.add128(onBehalf.collateral, UtilsLib.toUint128(assets)) };
}
