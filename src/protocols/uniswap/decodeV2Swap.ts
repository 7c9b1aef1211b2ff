import type { Log } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import { ARTIFACTS } from "../artifactIds.js";

export type V2SwapOnChain = {
  /** Paid to the pair (+) or received from it (−), from its Swap event. */
  amount0: bigint;
  amount1: bigint;
  /** The pair's reserves after the swap, from its Sync event. */
  reserve0: bigint;
  reserve1: bigint;
};

/**
 * What a Uniswap V2 pair reported for a swap in a receipt's logs: its Swap event's in/out amounts as signed
 * deltas, and the reserves its Sync event set.
 *
 * @param logs - a receipt's logs.
 * @param pair - the pair's address.
 * @returns the deltas and reserves, or undefined when the pair emitted no Swap or no Sync.
 * @example const got = decodeV2Swap(receipt.logs, pair); // { amount0: 10n ** 18n, amount1: -2_990_000_000n, ... }
 */
export function decodeV2Swap(logs: readonly Log[], pair: string): V2SwapOnChain | undefined {
  const abi = loadArtifact(ARTIFACTS.uniswapV2Pair).abi;
  let swap: { amount0In: bigint; amount1In: bigint; amount0Out: bigint; amount1Out: bigint } | undefined;
  let sync: { reserve0: bigint; reserve1: bigint } | undefined;
  for (const log of logs) {
    if (log.address.toLowerCase() !== pair.toLowerCase()) continue;
    const event = decodeKnownLog(abi, log);
    if (!event) continue;
    if (event.eventName === "Swap") swap = event.args as unknown as NonNullable<typeof swap>;
    if (event.eventName === "Sync") sync = event.args as unknown as NonNullable<typeof sync>;
  }
  if (!swap || !sync) return undefined;
  return {
    amount0: swap.amount0In - swap.amount0Out,
    amount1: swap.amount1In - swap.amount1Out,
    reserve0: sync.reserve0,
    reserve1: sync.reserve1,
  };
}
