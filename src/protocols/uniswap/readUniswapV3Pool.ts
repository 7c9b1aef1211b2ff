import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { MAX_TICK, MIN_TICK } from "../../model/amm/v3/TickMath.js";
import type { V3PoolState } from "../../model/amm/v3/types.js";
import { ARTIFACTS } from "../artifactIds.js";

export type ReadUniswapV3PoolReturnType = { state: V3PoolState; token0: Address; token1: Address };

/**
 * Reads a Uniswap V3 pool into the model's V3PoolState in one `eth_call` through UniswapV3Lens: slot0,
 * active liquidity and the initialised ticks of the tick-bitmap words in range.
 *
 * @param chain - a running chain.
 * @param parameters - lens and pool; `wordRadius` limits the scan to that many bitmap words on each side of
 * the current tick (a fork reads cold storage over RPC); default: every word.
 * @returns the pool state and its tokens.
 */
export async function readUniswapV3Pool(
  chain: Chain,
  parameters: { lens: Address; pool: Address; wordRadius?: number; blockNumber?: bigint },
): Promise<ReadUniswapV3PoolReturnType> {
  const poolAbi = loadArtifact(ARTIFACTS.uniswapV3Pool).abi;
  const lensAbi = loadArtifact("lens/UniswapV3Lens").abi;
  const at = parameters.blockNumber !== undefined ? { blockNumber: parameters.blockNumber } : {};
  const spacing = Number(
    await chain.client.readContract({
      address: parameters.pool,
      abi: poolAbi,
      functionName: "tickSpacing",
      ...at,
    }),
  );
  let wordLower = Math.floor(Math.ceil(MIN_TICK / spacing) / 256);
  let wordUpper = Math.floor(Math.floor(MAX_TICK / spacing) / 256);
  if (parameters.wordRadius !== undefined) {
    const slot0 = (await chain.client.readContract({
      address: parameters.pool,
      abi: poolAbi,
      functionName: "slot0",
      ...at,
    })) as readonly [bigint, number];
    const word = Math.floor(Math.floor(slot0[1] / spacing) / 256);
    wordLower = Math.max(wordLower, word - parameters.wordRadius);
    wordUpper = Math.min(wordUpper, word + parameters.wordRadius);
  }
  const s = (await chain.client.readContract({
    address: parameters.lens,
    abi: lensAbi,
    functionName: "poolState",
    args: [parameters.pool, wordLower, wordUpper],
    ...at,
  })) as {
    sqrtPriceX96: bigint;
    tick: number;
    liquidity: bigint;
    fee: number;
    tickSpacing: number;
    token0: Address;
    token1: Address;
    ticks: readonly number[];
    liquidityNet: readonly bigint[];
  };
  return {
    token0: s.token0,
    token1: s.token1,
    state: {
      feePips: s.fee,
      tickSpacing: s.tickSpacing,
      sqrtPriceX96: s.sqrtPriceX96,
      tick: s.tick,
      liquidity: s.liquidity,
      ticks: s.ticks.map((index, i) => ({ index, liquidityNet: s.liquidityNet[i]! })),
    },
  };
}
