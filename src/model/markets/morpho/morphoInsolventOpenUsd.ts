import type { MorphoMarketModel } from "../../cascade/types.js";
import { SharesMathLib } from "../../lending/morpho/SharesMathLib.js";

/** Open positions' debt (rounded up, as Morpho reads it) above their collateral, at these prices (USD per whole token). */
export function morphoInsolventOpenUsd(
  market: MorphoMarketModel,
  priceUsd: (symbol: string) => number,
): number {
  const m = market.market;
  let usd = 0;
  for (const p of market.positions) {
    if (p.borrowShares === 0n) continue;
    const debt =
      Number(SharesMathLib.toAssetsUp(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares)) /
      10 ** market.loanDecimals;
    const gap =
      debt * priceUsd(market.loanSymbol) -
      (Number(p.collateral) / 10 ** market.collateralDecimals) * priceUsd(market.collateralSymbol);
    if (gap > 0) usd += gap;
  }
  return usd;
}
