/** A governance-token safety module backing one market (scenario `safetyModules`), as the cascade holds it. */
export type SafetyModuleModel = {
  market: string;
  token: string;
  decimals: number;
  /** The token's own pool, [token, quote]. */
  poolId: string;
  /** Tokens staked, and the part that can be slashed (wei). */
  stake: bigint;
  slashable: bigint;
  /** The token's move per block: (the underlying's price change)^beta. */
  beta: number;
};

/** What a safety module did in a run (CascadeResult.safetyModules), USD at the quote's $1. */
export type SafetyModuleOutcome = {
  market: string;
  token: string;
  decimals: number;
  /** The slashable stake at the token's starting price: what a dollar fund of the same mark would hold. */
  slashableAtStartUsd: number;
  /** Tokens slashed and sold, wei as a decimal string; what they fetched. */
  sold: string;
  proceedsUsd: number;
  /** Blocks in which it sold. */
  sales: number;
  /** What selling the rest of the slashable stake on its pool would fetch at the end (exact pool math, not sent). */
  endValueUsd: number;
  /** The backstop's value when the losses landed: proceeds plus the end value. */
  valueUsd: number;
  /** The token's price on its pool: at the start, its lowest, at the end. */
  priceStart: number;
  priceLow: number;
  priceEnd: number;
};
