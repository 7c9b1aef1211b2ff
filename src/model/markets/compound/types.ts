import type { CascadeContext } from "../../cascade/createCascadeContext.js";
import type { CompoundMarketModel } from "../../cascade/types.js";
import type { CometPrices } from "../../lending/compound/types.js";
import type { Liquidators } from "../../liquidators/types.js";

/** One Comet market inside a cascade: the model, what it has written off, and the block's time. */
export type CompoundMarketRun = {
  market: CompoundMarketModel;
  ctx: CascadeContext;
  liquidators: Liquidators;
  /** Written off so far: USD at the oracle then, and by the collateral the absorbed accounts held (by value). */
  realized: { usd: number; byCollateral: Map<string, number> };
  /** Per account, the underlying's price at or above which it becomes liquidatable (see LendingMarket.riseKey). */
  rise: Float64Array;
  /** This block's timestamp, seconds relative to block 0 (set by `accrue`). */
  now: bigint;
  /** The base's and each collateral's price, as Comet's feeds return them (`cometPricesE8`). */
  prices(): CometPrices;
};
