import type { CascadeContext } from "./createCascadeContext.js";
import type { TradeResult } from "./tradeOnPool.js";
import type { CascadeAction, SwapAction } from "./types.js";

/**
 * A pool trade as the swap action the chain must reproduce (v3: `swap` with the model's limit; v2: exact
 * input with the pair's deltas and reserves after), or undefined for a trade that moved nothing.
 *
 * @param block - the block it happens in.
 * @param purpose - why the trade happened.
 * @param actor - who trades: "trader" or an option book's id.
 * @param poolId - the pool traded on.
 * @param traded - the simulated trade.
 */
export function swapAction(
  block: number,
  purpose: Extract<CascadeAction, { kind: "swap" }>["purpose"],
  actor: string,
  poolId: string,
  traded: TradeResult,
): SwapAction | undefined {
  const pool = traded.pool;
  if (pool.kind === "uniswap-v2") {
    if (!traded.callV2) return undefined;
    const { zeroForOne, amountIn, amount0, amount1 } = traded.callV2;
    return {
      block,
      kind: "swapV2",
      purpose,
      actor,
      poolId,
      zeroForOne,
      amountIn,
      expected: { amount0, amount1, reserve0: pool.state.reserve0, reserve1: pool.state.reserve1 },
    };
  }
  if (!traded.call) return undefined;
  const { amount0, amount1, ...call } = traded.call;
  return {
    block,
    kind: "swap",
    purpose,
    actor,
    poolId,
    ...call,
    expected: { amount0, amount1, sqrtPriceX96: pool.state.sqrtPriceX96 },
  };
}

/**
 * Reports a pool trade to the chain harness as a swap action (see swapAction).
 *
 * @param ctx - the cascade context (nothing is recorded without `onAction`).
 * @param purpose - why the trade happened.
 * @param actor - who trades.
 * @param poolId - the pool traded on.
 * @param traded - the simulated trade.
 */
export function recordSwap(
  ctx: CascadeContext,
  purpose: Extract<CascadeAction, { kind: "swap" }>["purpose"],
  actor: string,
  poolId: string,
  traded: TradeResult,
): void {
  if (!ctx.onAction) return;
  const action = swapAction(ctx.block, purpose, actor, poolId, traded);
  if (action) ctx.onAction(action);
}
