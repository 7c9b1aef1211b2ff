import type { InterestRateData } from "./calculateInterestRates.js";

/**
 * Which Aave V3 liquidation code the model mirrors; both run on the replica.
 * - `v3.0`: `@aave/core-v3` 1.19.3: close factor 50% above HF 0.95, else 100%, of the debt in the chosen
 *   reserve; no dust rule; leftover debt with no collateral stays on the user (unbacked).
 * - `v3.6`: `@aave-dao/aave-v3-origin` 3.6.0 (compiled from source): 100% close factor if HF ≤ 0.95 or the
 *   reserve's debt or collateral is under $2,000, otherwise at most half the *total* debt; the $1,000 dust
 *   rule (with the protocol fee); the last collateral taken burns all remaining debt into the reserves'
 *   `deficit`; v3.5's rounding (aToken balances floor, debt ceil).
 * - `v3.7`: aave-v3-origin at its v3.7.0 merge (a pinned git source): v3.6 with the liquidation's
 *   deterministic rounding, the last collateral found by scaled consumption, isolation mode removed.
 */
export type AaveVersionProfile = "v3.0" | "v3.6" | "v3.7";

/**
 * A v3.6 reserve's interest state (ReserveData's rates, stored indices and last update, the variable debt
 * token's scaled total supply, the strategy's rate data), for a reserve whose rates are not zero. The
 * reserve's `liquidityIndexRay` / `variableBorrowIndexRay` are then the indices *normalised* to the current
 * block (getReserveNormalizedIncome / …VariableDebt), what every balance and health factor uses.
 */
export type AaveReserveAccrual = {
  /** v3.0: @aave/core-v3's interest (ReserveLogicV30: its rate strategy, compounding and rounding); absent: aave-v3-origin's. */
  profile?: "v3.0";
  rates: InterestRateData;
  reserveFactorBps: bigint;
  liquidityRateRay: bigint;
  variableBorrowRateRay: bigint;
  storedLiquidityIndexRay: bigint;
  storedVariableBorrowIndexRay: bigint;
  /** When the reserve was last updated, seconds relative to the cascade's block 0 (≤ 0 at the start). */
  lastUpdateSeconds: bigint;
  totalScaledDebt: bigint;
  /** ReserveData.accruedToTreasury: the treasury's share of the interest, scaled (not yet minted). Omitted: 0. */
  accruedToTreasury?: bigint;
};

/** One reserve's risk parameters and indices (normalised to the current block; see `accrual`). */
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
  /** v3.6 with rates above zero: how its indices move with time. Omitted: they stay put. */
  accrual?: AaveReserveAccrual;
  /** The aToken's scaledTotalSupply (what a borrow may not exceed). Omitted: unlimited. */
  totalScaledSupply?: bigint;
  /** Supply and borrow caps, whole tokens (0: none), as the Pool checks them on supply and borrow. */
  caps?: { supplyCap: bigint; borrowCap: bigint };
};

/** A user's scaled balances per reserve index (aToken and variable debt token `scaledBalanceOf`). */
export type AavePosition = {
  id: string;
  scaledCollateral: bigint[];
  scaledDebt: bigint[];
  /** userConfig's collateral bits: a reserve counts as collateral only while its bit is set. */
  usingAsCollateral: boolean[];
  /** The user's e-mode category (v3.6; absent or 0: none). */
  eModeCategory?: number;
};

/**
 * A v3.6 e-mode category (Pool.getEModeCategoryCollateralConfig and its three bitmaps), the bitmaps as
 * flags per model reserve index. For a user in the category, a reserve on its collateral bitmap takes the
 * category's LTV (0 when also on the ltvzero bitmap), liquidation threshold and bonus instead of its own;
 * only reserves on the borrowable bitmap can be borrowed.
 */
export type AaveEModeCategory = {
  id: number;
  ltvBps: bigint;
  liquidationThresholdBps: bigint;
  liquidationBonusBps: bigint;
  collateral: readonly boolean[];
  borrowable: readonly boolean[];
  ltvzero: readonly boolean[];
  /**
   * v3.7's isolated flag: a user in the category gets LTV 0 on every collateral outside its collateral
   * bitmap (the threshold stays the reserve's), so it can neither borrow against such collateral nor
   * enter the category with it enabled.
   */
  isolated?: boolean;
};

/** Oracle prices in the base currency (8 decimals, USD), one per reserve index. */
export type AavePrices = readonly bigint[];

/**
 * A v3.6 Pool as the supply, withdraw, borrow, repay, e-mode and liquidation mirrors see it: its reserves
 * (indices normalised to `nowSeconds`, with cash, deficit, accrual and scaled total supply), the oracle's
 * prices and the e-mode categories, at one block time (seconds on the reserves' accrual clock).
 */
export type AavePoolModel = {
  /** Whose code (default v3.6). */
  profile?: "v3.0" | "v3.6" | "v3.7";
  reserves: AaveReserve[];
  prices: AavePrices;
  eModeCategories: readonly AaveEModeCategory[];
  nowSeconds: bigint;
};
