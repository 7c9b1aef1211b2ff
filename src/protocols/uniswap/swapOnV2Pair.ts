import type { Address, Hex } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { decodeV2Swap } from "./decodeV2Swap.js";

export type SwapOnV2PairParameters = {
  /** Pays the pair (must have approved the swapper) and receives the output. */
  from: Address;
  swapper: Address;
  pair: Address;
  zeroForOne: boolean;
  amountIn: bigint;
};

export type SwapOnV2PairReturnType = {
  /** Paid to the pair (+) or received from it (−), from the pair's Swap event. */
  amount0: bigint;
  amount1: bigint;
  /** The pair's reserves after the swap, from its Sync event. */
  reserve0: bigint;
  reserve1: bigint;
  gasUsed: bigint;
  hash: Hex;
};

/**
 * Executes one exact-input swap on a real Uniswap V2 pair through PoolSwapper.swapV2 (the router's quote,
 * then `pair.swap`), and returns what the pair's Swap and Sync events report.
 *
 * @param chain - a running dev chain.
 * @param parameters - payer, pair, direction, input.
 * @returns the pair's token deltas, its reserves after, gas and hash.
 * @throws {TransactionRevertedError} e.g. 'UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT' for an input too small to buy 1 wei.
 * @example const r = await swapOnV2Pair(chain, { from, swapper, pair, zeroForOne: true, amountIn: 10n ** 18n });
 */
export async function swapOnV2Pair(
  chain: Chain,
  parameters: SwapOnV2PairParameters,
): Promise<SwapOnV2PairReturnType> {
  const receipt = await writeContract(chain, {
    from: parameters.from,
    address: parameters.swapper,
    abi: loadArtifact("uniswap/PoolSwapper").abi,
    functionName: "swapV2",
    args: [parameters.pair, parameters.zeroForOne, parameters.amountIn, parameters.from],
    gas: 1_000_000n,
  });
  // A swap that went through always has both events (the call reverts otherwise).
  const out = decodeV2Swap(receipt.logs, parameters.pair) ?? {
    amount0: 0n,
    amount1: 0n,
    reserve0: 0n,
    reserve1: 0n,
  };
  return { ...out, gasUsed: receipt.gasUsed, hash: receipt.transactionHash };
}
