import type { CascadeContext } from "../../cascade/createCascadeContext.js";
import type { BlockedLiquidation, MorphoMarketModel } from "../../cascade/types.js";
import type { MorphoMarketParams } from "../../lending/morpho/types.js";
import type { Liquidators } from "../../liquidators/types.js";

/** One Morpho Blue market inside a cascade: the model, its IRM's mirror, what it has written off, and the block's time. */
export type MorphoMarketRun = {
  market: MorphoMarketModel;
  params: MorphoMarketParams;
  ctx: CascadeContext;
  liquidators: Liquidators;
  realized: { usd: number };
  /** Per position, the underlying's price at or above which it becomes liquidatable (see LendingMarket.riseKey). */
  rise: Float64Array;
  /** This block's timestamp, seconds relative to block 0 (set by `accrue`). */
  now: bigint;
  /** Interest the next accrual would add, as a share of the stored borrow assets (a float, for the keys). */
  growth: number;
  /** Positions whose seized collateral could not be redeemed, by index: the first such block. */
  blocked: Map<number, BlockedLiquidation>;
};
