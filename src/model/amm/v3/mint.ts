// Mirrors the amount and tick bookkeeping of @uniswap/v3-core 1.0.1 UniswapV3Pool#mint (_modifyPosition).
import { ModelInputError } from "../../../errors/ModelInputError.js";
import { getAmount0DeltaSigned, getAmount1DeltaSigned } from "./SqrtPriceMath.js";
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from "./TickMath.js";
import type { V3PoolState, V3Tick } from "./types.js";

export type MintParameters = { tickLower: number; tickUpper: number; liquidity: bigint };
export type MintReturnType = { pool: V3PoolState; amount0: bigint; amount1: bigint };

/**
 * Adds a liquidity position to a pool, returning the new pool and the token amounts the pool
 * takes (rounded up, as the contract charges them).
 * @throws {ModelInputError} on misaligned or inverted ticks.
 */
export function mint(pool: V3PoolState, { tickLower, tickUpper, liquidity }: MintParameters): MintReturnType {
  if (!(tickLower < tickUpper) || tickLower < MIN_TICK || tickUpper > MAX_TICK)
    throw new ModelInputError(`mint: ticks [${tickLower}, ${tickUpper}] are not a valid range.`);
  if (tickLower % pool.tickSpacing !== 0 || tickUpper % pool.tickSpacing !== 0)
    throw new ModelInputError(
      `mint: ticks [${tickLower}, ${tickUpper}] are not multiples of tickSpacing ${pool.tickSpacing}.`,
    );
  if (liquidity <= 0n) throw new ModelInputError("mint: liquidity must be positive.");
  const byIndex = new Map<number, bigint>(pool.ticks.map((t) => [t.index, t.liquidityNet]));
  byIndex.set(tickLower, (byIndex.get(tickLower) ?? 0n) + liquidity);
  byIndex.set(tickUpper, (byIndex.get(tickUpper) ?? 0n) - liquidity);
  const ticks: V3Tick[] = [...byIndex.entries()]
    .map(([index, liquidityNet]) => ({ index, liquidityNet }))
    .sort((a, b) => a.index - b.index);
  const sqrtLower = getSqrtRatioAtTick(tickLower);
  const sqrtUpper = getSqrtRatioAtTick(tickUpper);
  let amount0 = 0n;
  let amount1 = 0n;
  let activeLiquidity = pool.liquidity;
  if (pool.tick < tickLower) {
    amount0 = getAmount0DeltaSigned(sqrtLower, sqrtUpper, liquidity);
  } else if (pool.tick < tickUpper) {
    amount0 = getAmount0DeltaSigned(pool.sqrtPriceX96, sqrtUpper, liquidity);
    amount1 = getAmount1DeltaSigned(sqrtLower, pool.sqrtPriceX96, liquidity);
    activeLiquidity += liquidity;
  } else {
    amount1 = getAmount1DeltaSigned(sqrtLower, sqrtUpper, liquidity);
  }
  return { pool: { ...pool, ticks, liquidity: activeLiquidity }, amount0, amount1 };
}
