/**
 * Which Aave V3 liquidation code the model mirrors.
 * - `v3.0`: `@aave/core-v3` 1.19.3 (what the replica deploys): close factor 50% above HF 0.95, else 100%,
 *   of the debt in the chosen reserve; no dust rule; leftover debt with no collateral stays on the user.
 * - `v3.3`: aave-v3-origin 3.3+ (mainnet today): 100% close factor if HF ≤ 0.95 or the reserve's debt or
 *   collateral is under $2,000; otherwise at most half the *total* debt; the $1,000 dust rule; and when the
 *   last collateral is taken, all remaining debt is burned into the reserve's `deficit`.
 */
export type AaveVersionProfile = "v3.0" | "v3.3";

/** One reserve's risk parameters and indices (indices are constant within a cascade: see README). */
export type AaveReserve = {
  symbol: string;
  decimals: number;
  ltvBps: bigint;
  liquidationThresholdBps: bigint;
  /** e.g. 10500n for a 5% bonus, as stored in the reserve configuration. */
  liquidationBonusBps: bigint;
  /** Share of the bonus paid to the treasury, in bps of the bonus. */
  protocolFeeBps: bigint;
  liquidityIndexRay: bigint;
  variableBorrowIndexRay: bigint;
};

/** A user's scaled balances per reserve index (aToken and variable debt token `scaledBalanceOf`). */
export type AavePosition = {
  id: string;
  scaledCollateral: bigint[];
  scaledDebt: bigint[];
  /** userConfig's collateral bits: a reserve counts as collateral only while its bit is set. */
  usingAsCollateral: boolean[];
};

/** Oracle prices in the base currency (8 decimals, USD), one per reserve index. */
export type AavePrices = readonly bigint[];
