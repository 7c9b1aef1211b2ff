// Mirrors Comet.isLiquidatable (compound-finance/comet contracts/Comet.sol).
import { mulFactor, mulPrice, presentValue, signedMulPrice } from "./CometMath.js";
import type { CometMarket, CometPosition, CometPrices } from "./types.js";

/** Whether `absorb` would accept the account: liquidity at liquidateCollateralFactor is negative. */
export function isLiquidatable(market: CometMarket, position: CometPosition, prices: CometPrices): boolean {
  const principal = position.principal;
  if (principal >= 0n) return false;
  let liquidity = signedMulPrice(
    presentValue(principal, market.baseSupplyIndex, market.baseBorrowIndex),
    prices.base,
    market.baseScale,
  );
  for (let i = 0; i < market.assets.length; i++) {
    const balance = position.collateral[i] ?? 0n;
    if (balance === 0n) continue;
    if (liquidity >= 0n) return false;
    const asset = market.assets[i]!;
    liquidity += mulFactor(
      mulPrice(balance, prices.assets[i]!, asset.scale),
      asset.liquidateCollateralFactor,
    );
  }
  return liquidity < 0n;
}
