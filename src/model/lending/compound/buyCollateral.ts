// Mirrors Comet.buyCollateral: allowed only while reserves are below targetReserves.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { getReserves } from "./getReserves.js";
import { quoteCollateral } from "./quoteCollateral.js";
import type { CometMarket, CometPrices } from "./types.js";

/**
 * A buyer pays `baseAmount` of base for collateral at the storefront price.
 * @throws {MathRevertError} NotForSale when reserves ≥ target, InsufficientReserves when the
 *   protocol holds less collateral than quoted, TooMuchSlippage under `minAmount`.
 */
export function buyCollateral(
  market: CometMarket,
  prices: CometPrices,
  {
    assetIndex,
    baseAmount,
    minAmount = 0n,
    nowSeconds = market.lastAccrualSeconds,
  }: { assetIndex: number; baseAmount: bigint; minAmount?: bigint; nowSeconds?: bigint },
): { market: CometMarket; collateralAmount: bigint } {
  // buyCollateral does not accrue: it checks the reserves at the indices accrued to now, a view.
  const reserves = getReserves(market, nowSeconds);
  if (reserves >= 0n && reserves >= market.targetReserves) throw new MathRevertError("Comet: NotForSale().");
  const collateralAmount = quoteCollateral(market, prices, assetIndex, baseAmount);
  if (collateralAmount < minAmount) throw new MathRevertError("Comet: TooMuchSlippage().");
  const held = market.collateralReserves[assetIndex] ?? 0n;
  if (collateralAmount > held) throw new MathRevertError("Comet: InsufficientReserves().");
  const collateralReserves = [...market.collateralReserves];
  collateralReserves[assetIndex] = held - collateralAmount;
  return {
    market: { ...market, baseBalance: market.baseBalance + baseAmount, collateralReserves },
    collateralAmount,
  };
}
