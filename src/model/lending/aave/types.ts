/**
 * Which Aave V3 liquidation code the model mirrors; both run on the replica.
 * - `v3.0`: `@aave/core-v3` 1.19.3: close factor 50% above HF 0.95, else 100%, of the debt in the chosen
 *   reserve; no dust rule; leftover debt with no collateral stays on the user (unbacked).
 * - `v3.6`: `@aave-dao/aave-v3-origin` 3.6.0 (compiled from source): 100% close factor if HF ≤ 0.95 or the
 *   reserve's debt or collateral is under $2,000, otherwise at most half the *total* debt; the $1,000 dust
 *   rule (with the protocol fee); the last collateral taken burns all remaining debt into the reserves'
 *   `deficit`; v3.5's rounding (aToken balances floor, debt ceil).
 */
export type AaveVersionProfile = "v3.0" | "v3.6";

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
  /**
   * Underlying the reserve can pay out (v3.0: the aToken's balance; v3.6: its virtual balance), read from
   * the chain or built with the replica's seeding. Omitted: unlimited.
   */
  cash?: bigint;
  /** v3.6: the reserve's deficit (debt written off, asset units) when the cascade starts. Omitted: 0. */
  deficit?: bigint;
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
