// Mirrors Morpho.liquidate (morpho-org/morpho-blue src/Morpho.sol, @morpho-org/morpho-blue 1.0.0), the
// token transfers aside: interest accrued, the borrower checked unhealthy, the other side of the liquidation
// derived from the one given, and bad debt realised when the collateral runs out.
import { MathRevertError } from "../../../errors/MathRevertError.js";
import { accrueInterest } from "./accrueInterest.js";
import { isHealthy } from "./isHealthy.js";
import { liquidationIncentiveFactor } from "./liquidationIncentiveFactor.js";
import { MathLib } from "./MathLib.js";
import { SharesMathLib } from "./SharesMathLib.js";
import type { MorphoMarket, MorphoMarketParams, MorphoPosition } from "./types.js";
import { UtilsLib } from "./UtilsLib.js";

export type LiquidateParameters = {
  /** Exactly one of the two is non-zero: the collateral to seize, or the borrow shares to repay. */
  seizedAssets: bigint;
  repaidShares: bigint;
  /** The oracle's price at the liquidation (1e36-scaled, decimals-adjusted). */
  collateralPrice: bigint;
  nowSeconds: bigint;
};

export type LiquidateReturnType = {
  market: MorphoMarket;
  position: MorphoPosition;
  seizedAssets: bigint;
  repaidAssets: bigint;
  repaidShares: bigint;
  /** Debt written off against the suppliers when the position's collateral reached zero. */
  badDebtAssets: bigint;
  badDebtShares: bigint;
  /** Fee shares minted by the accrual (credited to the fee recipient). */
  feeShares: bigint;
};

/**
 * @throws {MathRevertError} "inconsistent input", "position is healthy", or an arithmetic revert (seizing more
 *   collateral, or repaying more shares, than the position holds), where the contract reverts.
 */
export function liquidate(
  stored: MorphoMarket,
  params: MorphoMarketParams,
  borrower: MorphoPosition,
  { seizedAssets, repaidShares, collateralPrice, nowSeconds }: LiquidateParameters,
): LiquidateReturnType {
  if (!UtilsLib.exactlyOneZero(seizedAssets, repaidShares))
    throw new MathRevertError("Morpho: inconsistent input.");
  const accrued = accrueInterest(stored, params, nowSeconds);
  const market = { ...accrued.market };
  if (isHealthy(market, params.lltv, borrower, collateralPrice))
    throw new MathRevertError("Morpho: position is healthy.");
  const incentive = liquidationIncentiveFactor(params.lltv);
  if (seizedAssets > 0n) {
    const seizedAssetsQuoted = MathLib.mulDivUp(seizedAssets, collateralPrice, UtilsLib.ORACLE_PRICE_SCALE);
    repaidShares = SharesMathLib.toSharesUp(
      MathLib.wDivUp(seizedAssetsQuoted, incentive),
      market.totalBorrowAssets,
      market.totalBorrowShares,
    );
  } else {
    seizedAssets = MathLib.mulDivDown(
      MathLib.wMulDown(
        SharesMathLib.toAssetsDown(repaidShares, market.totalBorrowAssets, market.totalBorrowShares),
        incentive,
      ),
      UtilsLib.ORACLE_PRICE_SCALE,
      collateralPrice,
    );
  }
  const repaidAssets = SharesMathLib.toAssetsUp(
    repaidShares,
    market.totalBorrowAssets,
    market.totalBorrowShares,
  );
  const position = { ...borrower };
  position.borrowShares = UtilsLib.sub(position.borrowShares, UtilsLib.toUint128(repaidShares));
  market.totalBorrowShares = UtilsLib.sub(market.totalBorrowShares, UtilsLib.toUint128(repaidShares));
  market.totalBorrowAssets = UtilsLib.toUint128(
    UtilsLib.zeroFloorSub(market.totalBorrowAssets, repaidAssets),
  );
  position.collateral = UtilsLib.sub(position.collateral, UtilsLib.toUint128(seizedAssets));
  let badDebtShares = 0n;
  let badDebtAssets = 0n;
  if (position.collateral === 0n) {
    badDebtShares = position.borrowShares;
    badDebtAssets = UtilsLib.min(
      market.totalBorrowAssets,
      SharesMathLib.toAssetsUp(badDebtShares, market.totalBorrowAssets, market.totalBorrowShares),
    );
    market.totalBorrowAssets = UtilsLib.sub(market.totalBorrowAssets, UtilsLib.toUint128(badDebtAssets));
    market.totalSupplyAssets = UtilsLib.sub(market.totalSupplyAssets, UtilsLib.toUint128(badDebtAssets));
    market.totalBorrowShares = UtilsLib.sub(market.totalBorrowShares, UtilsLib.toUint128(badDebtShares));
    position.borrowShares = 0n;
  }
  return {
    market,
    position,
    seizedAssets,
    repaidAssets,
    repaidShares,
    badDebtAssets,
    badDebtShares,
    feeShares: accrued.feeShares,
  };
}
