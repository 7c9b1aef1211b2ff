import { type Address, decodeEventLog, type Hex } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { ARTIFACTS } from "../artifactIds.js";

export type SwapOnPoolParameters = {
  /** Pays the pool (must have approved the swapper) and receives the output. */
  from: Address;
  swapper: Address;
  pool: Address;
  zeroForOne: boolean;
  /** > 0 exact input, < 0 exact output (the pool's convention). */
  amountSpecified: bigint;
  sqrtPriceLimitX96: bigint;
};

export type SwapOnPoolReturnType = {
  /** Paid to the pool (+) or received from it (−), as the pool's Swap event states. */
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  liquidity: bigint;
  tick: number;
  gasUsed: bigint;
  hash: Hex;
};

/**
 * Executes one `swap` on a real Uniswap V3 pool through PoolSwapper, with exactly the model's arguments,
 * and returns what the pool's Swap event reports.
 *
 * @param chain - a running dev chain.
 * @param parameters - payer, pool, direction, amount and price limit.
 * @returns amounts, the pool's new price, liquidity and tick, gas used and the transaction hash.
 * @throws {TransactionRevertedError} e.g. 'SPL' when the price limit is on the wrong side.
 */
export async function swapOnPool(
  chain: Chain,
  parameters: SwapOnPoolParameters,
): Promise<SwapOnPoolReturnType> {
  const receipt = await writeContract(chain, {
    from: parameters.from,
    address: parameters.swapper,
    abi: loadArtifact("uniswap/PoolSwapper").abi,
    functionName: "swap",
    args: [
      parameters.pool,
      parameters.zeroForOne,
      parameters.amountSpecified,
      parameters.sqrtPriceLimitX96,
      parameters.from,
    ],
    gas: 5_000_000n,
  });
  const poolAbi = loadArtifact(ARTIFACTS.uniswapV3Pool).abi;
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== parameters.pool.toLowerCase()) continue;
    const event = decodeEventLog({ abi: poolAbi, data: log.data, topics: log.topics, strict: false });
    if (event.eventName !== "Swap") continue;
    const a = event.args as unknown as {
      amount0: bigint;
      amount1: bigint;
      sqrtPriceX96: bigint;
      liquidity: bigint;
      tick: number;
    };
    return {
      amount0: a.amount0,
      amount1: a.amount1,
      sqrtPriceX96: a.sqrtPriceX96,
      liquidity: a.liquidity,
      tick: a.tick,
      gasUsed: receipt.gasUsed,
      hash: receipt.transactionHash,
    };
  }
  return {
    amount0: 0n,
    amount1: 0n,
    sqrtPriceX96: 0n,
    liquidity: 0n,
    tick: 0,
    gasUsed: receipt.gasUsed,
    hash: receipt.transactionHash,
  };
}
