// The state Morpho Blue keeps per market and per position (morpho-org/morpho-blue src/interfaces/IMorpho.sol,
// @morpho-org/morpho-blue 1.0.0), as bigints.

/**
 * `Market`: totals (uint128), the last accrual (seconds) and the fee (WAD); beside them the market's entry in
 * its IRM's storage, `rateAtTarget` (AdaptiveCurveIrm's per-second rate at target utilisation, WAD; 0 for a
 * stateless IRM or none).
 */
export type MorphoMarket = {
  totalSupplyAssets: bigint;
  totalSupplyShares: bigint;
  totalBorrowAssets: bigint;
  totalBorrowShares: bigint;
  lastUpdate: bigint;
  fee: bigint;
  rateAtTarget: bigint;
};

/** `Position`: supply shares (uint256), borrow shares and collateral (uint128). */
export type MorphoPosition = { supplyShares: bigint; borrowShares: bigint; collateral: bigint };

/**
 * An interest-rate model as Morpho calls it at an accrual: `borrowRate(marketParams, market)` at block time
 * `nowSeconds`, the per-second borrow rate (WAD) for the market's state before accrual, and the IRM's new
 * `rateAtTarget` for the market (a stateless IRM returns the market's unchanged).
 */
export type MorphoIrm = (
  market: MorphoMarket,
  nowSeconds: bigint,
) => { borrowRate: bigint; rateAtTarget: bigint };

/** The part of `MarketParams` the math reads: the liquidation LTV (WAD) and the IRM (absent: address(0), no interest). */
export type MorphoMarketParams = { lltv: bigint; irm?: MorphoIrm };

/** A position with nothing in it. */
export const EMPTY_POSITION: MorphoPosition = Object.freeze({
  supplyShares: 0n,
  borrowShares: 0n,
  collateral: 0n,
});

/** What supply, withdraw, borrow and repay return: the new state, the amounts both ways, and the accrual's fee shares. */
export type MorphoActionReturnType = {
  market: MorphoMarket;
  position: MorphoPosition;
  assets: bigint;
  shares: bigint;
  /** Supply shares the accrual minted to the fee recipient (the caller credits its position). */
  feeShares: bigint;
};

/** Exactly one of `assets` and `shares` non-zero (the other is derived), at block timestamp `nowSeconds`. */
export type MorphoAmount = { assets: bigint; shares: bigint; nowSeconds: bigint };
