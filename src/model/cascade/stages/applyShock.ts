import { toFloat } from "../../math/toFloat.js";
import type { CascadeContext } from "../createCascadeContext.js";
import { poolById } from "../poolById.js";
import { recordSwap } from "../recordSwap.js";
import { setPool } from "../setPool.js";
import { tradeOnPool } from "../tradeOnPool.js";

/**
 * Stage 1, the shock: the reference pool follows the exogenous path's move for this block (a swap to the
 * path's price ratio, with a sqrt-price limit).
 *
 * @param ctx - the cascade context at this block.
 * @param shock - the path per block as multiples of the start.
 * @returns the underlying the shock sold into the pool (+ = sold), whole tokens.
 */
export function applyShock(ctx: CascadeContext, shock: readonly number[]): number {
  const { state, block } = ctx;
  if (block >= shock.length) return 0;
  const ratio = shock[block]! / shock[block - 1]!;
  const moved = tradeOnPool(poolById(state, state.referencePoolId), {
    kind: "toPrice",
    ratioE18: BigInt(Math.round(ratio * 1e18)),
  });
  if (!moved) return 0;
  setPool(state, moved.pool);
  recordSwap(ctx, "shock", "trader", state.referencePoolId, moved);
  return -toFloat(moved.underlyingDelta, state.underlying.decimals);
}
