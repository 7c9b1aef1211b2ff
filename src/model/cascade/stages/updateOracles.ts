import type { CascadeContext } from "../createCascadeContext.js";
import { updateOracle } from "../updateOracle.js";

/**
 * Stage 3, the oracles: each applies its policy (deviation, heartbeat, latency, TWAP) to the market price
 * history; a pushed round is recorded for the chain. Protocols only ever see these prices.
 *
 * @param ctx - the cascade context at this block.
 * @param marketE8 - the reference pool's price per block so far, 8 decimals.
 * @returns whether any oracle's price changed.
 */
export function updateOracles(ctx: CascadeContext, marketE8: readonly bigint[]): boolean {
  const { state, block } = ctx;
  let changed = false;
  state.oracles = state.oracles.map((o) => {
    const next = updateOracle(o, block, state.blockTimeSeconds, marketE8);
    if (next !== o) {
      changed ||= next.priceE8 !== o.priceE8;
      ctx.onAction?.({ block, kind: "oracle", symbol: next.symbol, priceE8: next.priceE8 });
    }
    return next;
  });
  return changed;
}
