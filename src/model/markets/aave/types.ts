import type { CascadeContext } from "../../cascade/createCascadeContext.js";
import type { AaveMarketModel } from "../../cascade/types.js";
import type { Liquidators } from "../../liquidators/types.js";
import type { AaveAmounts } from "./createAaveAmounts.js";

/** One Aave market inside a cascade: the model, its cached balances and what it has written off. */
export type AaveMarketRun = {
  market: AaveMarketModel;
  amounts: AaveAmounts;
  ctx: CascadeContext;
  liquidators: Liquidators;
  /** v3.0 positions whose unbacked debt is already booked as realized. */
  unbacked: Set<number>;
  realized: { usd: number };
  /**
   * Where the write-offs came through, for the contagion graph: v3.0's unbacked debt in USD by the collateral
   * its last liquidation seized (`WRITTEN_OFF` for debt that never had any); v3.6's deficits per debt reserve,
   * in its units, by the collateral seized by the liquidation that burned them.
   */
  realizedBy: { usd: Map<string, number>; deficit: Map<string, bigint>[] };
  /** v3.6: debt burned into each reserve's deficit during the cascade (asset units). */
  deficit: bigint[];
  /** Per Umbrella stake (in `market.umbrella`'s order): deficit covered so far, USD at the oracle then, and how often. */
  covered: { usd: number; covers: number }[];
  /**
   * Per reserve, the scaled aTokens our liquidator holds from liquidations that took the collateral as
   * aTokens (receiveAToken), until it unwinds them (unwindAaveATokens).
   */
  held: bigint[];
  /** Per reserve, what taking and unwinding aTokens came to (the report's held-aTokens table). */
  unwound: { takes: number; taken: bigint; withdrawn: bigint; proceeds: bigint; unwinds: number }[];
  /** Each reserve's cash now (undefined: unlimited, for a market built without it). */
  cash: bigint[] | undefined;
  /** Per position, the underlying's price at or above which it becomes liquidatable (see LendingMarket.riseKey). */
  rise: Float64Array;
  /** The market's oracle prices per reserve (cached until the oracles change; do not mutate). */
  pricesE8(): readonly bigint[];
  pricesUsd(): readonly number[];
};
