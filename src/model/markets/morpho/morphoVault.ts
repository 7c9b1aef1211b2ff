import type { CollateralVault } from "../types.js";
import type { MorphoMarketRun } from "./types.js";

/** The vault a wrapped collateral redeems through (its issuing market's, registered in the context). */
export function morphoVault(run: MorphoMarketRun): CollateralVault {
  const vault = run.ctx.vaults.get(run.market.collateralSymbol);
  if (!vault)
    throw new Error(`Morpho market ${run.market.id}: no market issues ${run.market.collateralSymbol}.`);
  return vault;
}

/** One wrapper share in its asset now (a float, for keys and reports). */
export function wrapperRate(run: MorphoMarketRun): number {
  const wrapper = run.market.wrapper!;
  return Number(morphoVault(run).convertToAssets(wrapper.sampleShares)) / Number(wrapper.sampleShares);
}
