// Mirrors aave-v3-origin 3.6.0's per-user reserve terms (and v3.7.0's isolated categories):
// ValidationLogic.getUserReserveLtv, the liquidation threshold GenericLogic.calculateUserAccountData takes,
// and the bonus LiquidationLogic takes.
import type { AaveEModeCategory, AaveReserve } from "./types.js";

export type UserReserveTerms = {
  ltvBps: bigint;
  liquidationThresholdBps: bigint;
  liquidationBonusBps: bigint;
};

/**
 * The LTV, liquidation threshold and liquidation bonus that apply to a user's collateral in one reserve:
 * the category's when the user is in an e-mode category whose collateral bitmap holds the reserve (LTV 0
 * when the ltvzero bitmap holds it too), the reserve's own otherwise (also in e-mode, for a reserve outside
 * the category's collateral, except that an isolated category (v3.7) gives such a reserve LTV 0).
 *
 * @param reserve - the reserve.
 * @param index - its model index (the bitmaps' position).
 * @param category - the user's category (undefined: none).
 * @returns the terms.
 * @example userReserveTerms(weth, 0, undefined).liquidationThresholdBps // the reserve's own
 */
export function userReserveTerms(
  reserve: Pick<AaveReserve, "ltvBps" | "liquidationThresholdBps" | "liquidationBonusBps">,
  index: number,
  category: AaveEModeCategory | undefined,
): UserReserveTerms {
  if (category?.collateral[index])
    return {
      ltvBps: category.ltvzero[index] ? 0n : category.ltvBps,
      liquidationThresholdBps: category.liquidationThresholdBps,
      liquidationBonusBps: category.liquidationBonusBps,
    };
  return {
    // v3.7: in an isolated category, collateral outside it carries LTV 0 (getUserReserveLtv).
    ltvBps: category?.isolated ? 0n : reserve.ltvBps,
    liquidationThresholdBps: reserve.liquidationThresholdBps,
    liquidationBonusBps: reserve.liquidationBonusBps,
  };
}
