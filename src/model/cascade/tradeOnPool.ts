import { amountInToPrice } from "../amm/v2/amountInToPrice.js";
import { swapV2 } from "../amm/v2/swapV2.js";
import { getAmountOut } from "../amm/v2/UniswapV2Library.js";
import { sqrtBigInt } from "../amm/v3/price.js";
import { swap } from "../amm/v3/swap.js";
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "../amm/v3/TickMath.js";
import type { PoolModel } from "./types.js";

/**
 * A trade against a pool, in the integers the chain executes:
 * - `sell`: exact input of `amount` underlying wei (`withinLiquidity`: on v3, stopped at the last initialised
 *   tick, where the pool's liquidity ends, instead of walking the empty range to the price limit: the same
 *   trade whenever the pool can absorb the amount, and a partial one, as the unlimited trade is, when not);
 * - `buy`: exact output of `amount` underlying wei (v3) / exact input of quote (v2 has no exact output here);
 * - `spend`: exact input of `amount` quote units (a liquidator selling quote-asset collateral for the
 *   underlying it owes);
 * - `toPrice`: a swap that moves the underlying's price by `ratioE18 / 1e18` (the shock and arbitrage
 *   move pools this way): on v3 unbounded and stopped by a sqrt price limit; on v2 the largest exact
 *   input whose post-trade spot price (the fee kept in the reserves) does not pass the target.
 */
export type Trade =
  | { kind: "sell"; amount: bigint; withinLiquidity?: true }
  | { kind: "buy"; amount: bigint }
  | { kind: "spend"; amount: bigint }
  | { kind: "toPrice"; ratioE18: bigint };

export type TradeResult = {
  pool: PoolModel;
  /** Underlying the trader received (+) or paid (−), wei. */
  underlyingDelta: bigint;
  /** Quote the trader received (+) or paid (−), quote units. */
  quoteDelta: bigint;
  /** For v3 `toPrice` trades: the price limit passed to the pool. */
  sqrtPriceLimitX96?: bigint;
  /** The v3 `swap` call that does this trade on chain (the chain harness replays exactly this). */
  call?: {
    zeroForOne: boolean;
    amountSpecified: bigint;
    sqrtPriceLimitX96: bigint;
    amount0: bigint;
    amount1: bigint;
  };
  /** The v2 exact-input swap that does this trade on chain (router math: getAmountOut, then `pair.swap`). */
  callV2?: { zeroForOne: boolean; amountIn: bigint; amount0: bigint; amount1: bigint };
};

const UNBOUNDED = 1n << 128n;
const E18 = 10n ** 18n;

/** The sqrt price limit that scales the underlying's price by ratioE18/1e18 on a v3 pool. */
export function sqrtPriceLimitForRatio(pool: PoolModel & { kind: "uniswap-v3" }, ratioE18: bigint): bigint {
  // price(token0 in token1) scales by r when the underlying is token0, by 1/r when it is token1.
  const sqrtRatioE18 = sqrtBigInt(ratioE18 * E18); // sqrt(r) · 1e18
  let limit = pool.underlyingIsToken0
    ? (pool.state.sqrtPriceX96 * sqrtRatioE18) / E18
    : (pool.state.sqrtPriceX96 * E18) / sqrtRatioE18;
  if (limit <= MIN_SQRT_RATIO) limit = MIN_SQRT_RATIO + 1n;
  if (limit >= MAX_SQRT_RATIO) limit = MAX_SQRT_RATIO - 1n;
  return limit;
}

/** The last initialised tick's price as a limit, kept inside the router's default limit. */
function withinEdge(atTick: bigint, edge: bigint, zeroForOne: boolean): bigint {
  return zeroForOne ? (atTick > edge ? atTick : edge) : atTick < edge ? atTick : edge;
}

/**
 * Executes a trade on a pool with the exact pool math. Returns null when the trade does nothing
 * (zero amount, or the price is already at the limit).
 */
export function tradeOnPool(pool: PoolModel, trade: Trade): TradeResult | null {
  const u0 = pool.underlyingIsToken0;
  if (pool.kind === "uniswap-v3") {
    let zeroForOne: boolean;
    let amountSpecified: bigint;
    let sqrtPriceLimitX96: bigint | undefined;
    if (trade.kind === "toPrice") {
      if (trade.ratioE18 === E18) return null;
      const down = trade.ratioE18 < E18; // underlying price falls: underlying flows into the pool
      zeroForOne = down === u0;
      sqrtPriceLimitX96 = sqrtPriceLimitForRatio(pool, trade.ratioE18);
      if (
        zeroForOne
          ? sqrtPriceLimitX96 >= pool.state.sqrtPriceX96
          : sqrtPriceLimitX96 <= pool.state.sqrtPriceX96
      )
        return null;
      amountSpecified = UNBOUNDED;
    } else {
      if (trade.amount <= 0n) return null;
      zeroForOne = (trade.kind === "sell") === u0;
      amountSpecified = trade.kind === "buy" ? -trade.amount : trade.amount;
    }
    // At the edge of all liquidity the pool's price sits on the router's default limit and the
    // contract reverts ('SPL'): no trade is possible in that direction.
    const edge = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
    if (zeroForOne ? pool.state.sqrtPriceX96 <= edge : pool.state.sqrtPriceX96 >= edge) return null;
    const last = zeroForOne ? pool.state.ticks[0] : pool.state.ticks[pool.state.ticks.length - 1];
    // A sale within the liquidity when the price is already past its last initialised tick: nothing to sell into.
    if (trade.kind === "sell" && trade.withinLiquidity && last) {
      const atTick = getSqrtRatioAtTick(last.index);
      if (zeroForOne ? pool.state.sqrtPriceX96 <= atTick : pool.state.sqrtPriceX96 >= atTick) return null;
    }
    const limit =
      sqrtPriceLimitX96 ??
      (trade.kind === "sell" && trade.withinLiquidity && last
        ? withinEdge(getSqrtRatioAtTick(last.index), edge, zeroForOne)
        : edge);
    const result = swap(pool.state, { zeroForOne, amountSpecified, sqrtPriceLimitX96: limit });
    const [underlyingToPool, quoteToPool] = u0
      ? [result.amount0, result.amount1]
      : [result.amount1, result.amount0];
    return {
      pool: { ...pool, state: result.pool },
      underlyingDelta: -underlyingToPool,
      quoteDelta: -quoteToPool,
      ...(sqrtPriceLimitX96 !== undefined ? { sqrtPriceLimitX96 } : {}),
      call: {
        zeroForOne,
        amountSpecified,
        sqrtPriceLimitX96: limit,
        amount0: result.amount0,
        amount1: result.amount1,
      },
    };
  }
  const [reserveU, reserveQ] = u0
    ? [pool.state.reserve0, pool.state.reserve1]
    : [pool.state.reserve1, pool.state.reserve0];
  let sellUnderlying: boolean;
  let amountIn: bigint;
  if (trade.kind === "toPrice") {
    if (trade.ratioE18 === E18) return null;
    // The largest input that leaves the pair's spot price at or short of the target, the fee kept in
    // the reserves (as a V3 swap stops at its price limit): selling the underlying lowers its price by
    // r; buying it lowers the quote's price by 1/r.
    sellUnderlying = trade.ratioE18 < E18;
    amountIn = sellUnderlying
      ? amountInToPrice(reserveU, reserveQ, pool.state.feeBps, {
          numerator: trade.ratioE18,
          denominator: E18,
        })
      : amountInToPrice(reserveQ, reserveU, pool.state.feeBps, {
          numerator: E18,
          denominator: trade.ratioE18,
        });
  } else if (trade.kind === "sell") {
    sellUnderlying = true;
    amountIn = trade.amount;
  } else if (trade.kind === "spend") {
    sellUnderlying = false;
    amountIn = trade.amount;
  } else {
    sellUnderlying = false;
    // quote needed to buy `amount` underlying: getAmountIn.
    if (trade.amount >= reserveU) return null;
    amountIn =
      (reserveQ * trade.amount * 10_000n) / ((reserveU - trade.amount) * (10_000n - pool.state.feeBps)) + 1n;
  }
  if (amountIn <= 0n) return null;
  const zeroForOne = sellUnderlying === u0;
  // An input too small to buy one unit: the pair would revert; no trade.
  if (
    getAmountOut(
      amountIn,
      sellUnderlying ? reserveU : reserveQ,
      sellUnderlying ? reserveQ : reserveU,
      pool.state.feeBps,
    ) === 0n
  )
    return null;
  const result = swapV2(pool.state, { zeroForOne, amountIn });
  const [underlyingToPool, quoteToPool] = u0
    ? [result.amount0, result.amount1]
    : [result.amount1, result.amount0];
  return {
    pool: { ...pool, state: result.pool },
    underlyingDelta: -underlyingToPool,
    quoteDelta: -quoteToPool,
    callV2: { zeroForOne, amountIn, amount0: result.amount0, amount1: result.amount1 },
  };
}
