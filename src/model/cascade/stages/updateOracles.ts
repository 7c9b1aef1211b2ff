import type { CascadeContext } from "../createCascadeContext.js";
import { stepOracles } from "../stepOracles.js";

/**
 * Stage 3, the oracles: each applies its policy (deviation, heartbeat, latency, TWAP; a pegged asset's
 * exchange rate) to its asset's market price history (`stepOracles`); a pushed round is recorded for the
 * chain. Protocols only ever see these prices.
 *
 * @param ctx - the cascade context at this block.
 * @param marketE8 - each asset's market price per block so far, 8 decimals (the underlying's from the
 *   reference pool, a pegged asset's from its own pool).
 * @returns whether any oracle's price changed.
 */
export function updateOracles(ctx: CascadeContext, marketE8: (symbol: string) => readonly bigint[]): boolean {
  const { state, block } = ctx;
  const before = state.oracles;
  state.oracles = stepOracles(before, {
    block,
    blockTimeSeconds: state.blockTimeSeconds,
    marketE8,
    pegs: state.pegs,
  });
  let changed = false;
  state.oracles.forEach((next, i) => {
    const o = before[i]!;
    if (next === o) return;
    changed ||= next.priceE8 !== o.priceE8;
    ctx.onAction?.({ block, kind: "oracle", symbol: next.symbol, priceE8: next.priceE8 });
  });
  return changed;
}
