/** One collateral asset of a Comet market (factors 1e18-scaled, as `getAssetInfo` returns them). */
export type CometAsset = {
  symbol: string;
  /** 10^decimals. */
  scale: bigint;
  borrowCollateralFactor: bigint;
  liquidateCollateralFactor: bigint;
  liquidationFactor: bigint;
};

/**
 * Comet's interest-rate immutables as the contract stores them: per-second rates (the configuration's
 * per-year values divided by SECONDS_PER_YEAR, truncated) and kinks, all 1e18-scaled.
 */
export type CometRates = {
  supplyKink: bigint;
  supplyPerSecondInterestRateSlopeLow: bigint;
  supplyPerSecondInterestRateSlopeHigh: bigint;
  supplyPerSecondInterestRateBase: bigint;
  borrowKink: bigint;
  borrowPerSecondInterestRateSlopeLow: bigint;
  borrowPerSecondInterestRateSlopeHigh: bigint;
  borrowPerSecondInterestRateBase: bigint;
};

/** The state of a Comet market that absorb / buyCollateral read and write. */
export type CometMarket = {
  baseSymbol: string;
  baseScale: bigint;
  baseSupplyIndex: bigint;
  baseBorrowIndex: bigint;
  /** Interest: the rates and when the stored indices were last accrued (seconds relative to block 0). */
  rates: CometRates;
  lastAccrualSeconds: bigint;
  storeFrontPriceFactor: bigint;
  targetReserves: bigint;
  totalSupplyBase: bigint;
  totalBorrowBase: bigint;
  /** Comet's own balance of the base token (ERC20 balanceOf). */
  baseBalance: bigint;
  assets: readonly CometAsset[];
  /** Collateral the protocol holds after absorbs (`userCollateral[comet][asset]`), per asset index. */
  collateralReserves: bigint[];
};

/** A Comet account: signed base principal (negative = borrow) and collateral balances per asset index. */
export type CometPosition = { id: string; principal: bigint; collateral: bigint[] };

/** Prices from the market's feeds, 8 decimals: the base's and one per asset index. */
export type CometPrices = { base: bigint; assets: readonly bigint[] };
