// Mirrors morpho-org/morpho-blue src/mocks/IrmMock.sol (@morpho-org/morpho-blue 1.0.0): x% utilisation is x% a
// year, linearly (utilisation rounded down, then divided by 365 days).
import { MathLib } from "./MathLib.js";
import type { MorphoIrm, MorphoMarket } from "./types.js";

const YEAR_SECONDS = 365n * 24n * 3600n;

/** IrmMock.borrowRateView: the per-second borrow rate (WAD). */
export function irmMockBorrowRate(market: MorphoMarket): bigint {
  if (market.totalSupplyAssets === 0n) return 0n;
  const utilization = MathLib.wDivDown(market.totalBorrowAssets, market.totalSupplyAssets);
  return utilization / YEAR_SECONDS;
}

/** IrmMock as the market's IRM (stateless). */
export const irmMock: MorphoIrm = (market) => ({
  borrowRate: irmMockBorrowRate(market),
  rateAtTarget: market.rateAtTarget,
});
