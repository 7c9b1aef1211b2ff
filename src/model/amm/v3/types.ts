/** An initialised tick of a Uniswap v3 pool (only liquidityNet matters to a swap's amounts). */
export type V3Tick = { index: number; liquidityNet: bigint };

/**
 * The part of a Uniswap v3 pool's state a swap reads. `ticks` holds the initialised ticks sorted
 * by index; swaps never change them (crossing only updates fee growth, which moves no amounts).
 */
export type V3PoolState = {
  feePips: number;
  tickSpacing: number;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  ticks: readonly V3Tick[];
};
