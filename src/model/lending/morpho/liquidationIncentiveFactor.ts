// Mirrors Morpho.liquidate's incentive factor (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0).
import { MathLib } from "./MathLib.js";
import { UtilsLib } from "./UtilsLib.js";

/** min(1.15, 1 / (1 − 0.3 · (1 − lltv))), WAD, each step rounded down as the contract does. */
export function liquidationIncentiveFactor(lltv: bigint): bigint {
  return UtilsLib.min(
    UtilsLib.MAX_LIQUIDATION_INCENTIVE_FACTOR,
    MathLib.wDivDown(
      MathLib.WAD,
      MathLib.WAD - MathLib.wMulDown(UtilsLib.LIQUIDATION_CURSOR, MathLib.WAD - lltv),
    ),
  );
}
