import type { AaveMarketModel } from "../../cascade/types.js";
import {
  calculateUserAccountData,
  type UserAccountData,
} from "../../lending/aave/calculateUserAccountData.js";
import type { AavePosition, AavePrices } from "../../lending/aave/types.js";

/**
 * A position's account data on its market as the Pool computes it: the market's reserves, profile and
 * e-mode categories, at these prices.
 *
 * @param market - the Aave market.
 * @param position - one of its positions.
 * @param prices - oracle prices (8 decimals), per reserve.
 * @returns calculateUserAccountData's result.
 */
export function marketAccountData(
  market: AaveMarketModel,
  position: AavePosition,
  prices: AavePrices,
): UserAccountData {
  return calculateUserAccountData(market.reserves, position, prices, market.profile, market.eModeCategories);
}
