import type { MarketModel } from "../cascade/types.js";
import { rayMul } from "../lending/aave/WadRayMath.js";

/**
 * How much of an asset a lending market's positions hold as collateral now, in the token's units (wei):
 * Aave's aToken balances (scaled × liquidity index, rounded half up as `rayMul`) where the position counts
 * the reserve as collateral, Comet's collateral balances, a Morpho market's collateral (a plain token only:
 * a wrapped one is the wrapper's shares).
 *
 * @example collateralHeld(aaveMarket, "wstETH") // 4_000n * 10n ** 18n
 */
export function collateralHeld(market: MarketModel, symbol: string): bigint {
  let sum = 0n;
  if (market.kind === "aave-v3") {
    const i = market.reserves.findIndex((r) => r.symbol === symbol);
    if (i < 0) return 0n;
    const index = market.reserves[i]!.liquidityIndexRay;
    for (const p of market.positions)
      if (p.usingAsCollateral[i]) sum += rayMul(p.scaledCollateral[i]!, index);
    return sum;
  }
  if (market.kind === "compound-v3") {
    const i = market.market.assets.findIndex((a) => a.symbol === symbol);
    if (i < 0) return 0n;
    for (const p of market.positions) sum += p.collateral[i]!;
    return sum;
  }
  if (market.collateralSymbol !== symbol || market.wrapper) return 0n;
  for (const p of market.positions) sum += p.collateral;
  return sum;
}
