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
  /** The market's oracle prices per reserve (cached until the oracles change; do not mutate). */
  pricesE8(): readonly bigint[];
  pricesUsd(): readonly number[];
};
