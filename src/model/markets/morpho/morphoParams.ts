import type { MorphoMarketModel } from "../../cascade/types.js";
import { adaptiveCurveIrm } from "../../lending/morpho/adaptiveCurveIrm.js";
import type { MorphoMarketParams } from "../../lending/morpho/types.js";

/** The market's parameters as the mirrored math reads them: its LLTV and its IRM's mirror. */
export function morphoParams(market: MorphoMarketModel): MorphoMarketParams {
  return market.irm === "adaptive-curve"
    ? { lltv: market.lltv, irm: adaptiveCurveIrm }
    : { lltv: market.lltv };
}
