// Mirrors Morpho._accrueInterest (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0).
import { MathLib } from "./MathLib.js";
import { SharesMathLib } from "./SharesMathLib.js";
import type { MorphoMarket, MorphoMarketParams } from "./types.js";
import { UtilsLib } from "./UtilsLib.js";

export type AccrueInterestReturnType = {
  market: MorphoMarket;
  /** Interest added to both totals (loan-token units). */
  interest: bigint;
  /** Supply shares minted to the fee recipient (the caller credits its position). */
  feeShares: bigint;
};

/**
 * The market with interest accrued to `nowSeconds` (a block timestamp): the IRM's rate for the state before
 * accrual, compounded by `wTaylorCompounded` over the elapsed time, added to both totals; the fee's part
 * minted as supply shares priced on the supply before the fee. Without an IRM only `lastUpdate` moves.
 */
export function accrueInterest(
  market: MorphoMarket,
  params: MorphoMarketParams,
  nowSeconds: bigint,
): AccrueInterestReturnType {
  const elapsed = UtilsLib.sub(nowSeconds, market.lastUpdate);
  if (elapsed === 0n) return { market, interest: 0n, feeShares: 0n };
  const next = { ...market };
  let interest = 0n;
  let feeShares = 0n;
  if (params.irm !== undefined) {
    const { borrowRate, rateAtTarget } = params.irm(market, nowSeconds);
    next.rateAtTarget = rateAtTarget;
    interest = MathLib.wMulDown(next.totalBorrowAssets, MathLib.wTaylorCompounded(borrowRate, elapsed));
    next.totalBorrowAssets = UtilsLib.add128(next.totalBorrowAssets, UtilsLib.toUint128(interest));
    next.totalSupplyAssets = UtilsLib.add128(next.totalSupplyAssets, UtilsLib.toUint128(interest));
    if (next.fee !== 0n) {
      const feeAmount = MathLib.wMulDown(interest, next.fee);
      feeShares = SharesMathLib.toSharesDown(
        feeAmount,
        next.totalSupplyAssets - feeAmount,
        next.totalSupplyShares,
      );
      next.totalSupplyShares = UtilsLib.add128(next.totalSupplyShares, UtilsLib.toUint128(feeShares));
    }
  }
  next.lastUpdate = nowSeconds;
  return { market: next, interest, feeShares };
}
