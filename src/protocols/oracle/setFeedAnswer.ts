import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";

/**
 * Pushes a new round into a settable aggregator (what the protocols' oracles read).
 *
 * @param chain - a running dev chain.
 * @param parameters - sender, feed, answer in the feed's decimals (8 for USD feeds).
 * @returns the transaction hash.
 */
export async function setFeedAnswer(
  chain: Chain,
  parameters: { from: Address; feed: Address; answer: bigint },
): Promise<`0x${string}`> {
  const { abi } = loadArtifact("oracle/SettableAggregator");
  const receipt = await writeContract(chain, {
    from: parameters.from,
    address: parameters.feed,
    abi,
    functionName: "setAnswer",
    args: [parameters.answer],
    gas: 200_000n,
  });
  return receipt.transactionHash;
}
