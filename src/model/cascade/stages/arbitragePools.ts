import type { CascadeContext } from "../createCascadeContext.js";
import { isMainPool } from "../isMainPool.js";
import { poolById } from "../poolById.js";
import { poolPriceE8 } from "../poolPrice.js";
import { recordSwap } from "../recordSwap.js";
import { setPool } from "../setPool.js";
import { tradeOnPool } from "../tradeOnPool.js";

const E18 = 10n ** 18n;

/**
 * Stage 2, execution against AMM liquidity (the arbitrage half): every other pool of the main pair is traded
 * to the reference pool's price when the gap is wider than its fee.
 *
 * @param ctx - the cascade context at this block (the scenario's `arbitrage` switch).
 */
export function arbitragePools(ctx: CascadeContext): void {
  const { state } = ctx;
  if (!state.arbitrage) return;
  const refE8 = poolPriceE8(poolById(state, state.referencePoolId));
  for (const pool of state.pools) {
    // A pegged asset's own pool is left to its trades: nothing redeems at the peg within a cascade.
    if (pool.id === state.referencePoolId || !isMainPool(state, pool)) continue;
    const e8 = poolPriceE8(pool);
    if (e8 === 0n) continue;
    const ratioE18 = (refE8 * E18) / e8;
    const feeE18 =
      pool.kind === "uniswap-v3" ? BigInt(pool.state.feePips) * 10n ** 12n : pool.state.feeBps * 10n ** 14n;
    const gap = ratioE18 > E18 ? ratioE18 - E18 : E18 - ratioE18;
    if (gap <= feeE18) continue;
    const moved = tradeOnPool(pool, { kind: "toPrice", ratioE18 });
    if (moved) {
      setPool(state, moved.pool);
      recordSwap(ctx, "arbitrage", "trader", pool.id, moved);
    }
  }
}
