import { type Address, encodeAbiParameters, type Hex, keccak256, numberToHex, toHex } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { NotADevNodeError } from "../../errors/NotADevNodeError.js";

const word = (v: bigint): Hex => numberToHex(BigInt.asUintN(256, v), { size: 32 });

/**
 * Puts our settable aggregator in place of a price feed whose address a protocol has fixed (Compound V3
 * reads its feeds from immutable configuration): the feed's code is replaced with SettableAggregator's
 * runtime code and its storage written as that contract lays it out — slot 0 packs `decimals` (lowest
 * byte) and `latestRoundId` (next 10 bytes), slot 1 is `mapping(uint80 => Round)` with Round = { answer,
 * updatedAt }. The feed then answers `latestRoundData()` / `latestAnswer()` with `answer` as round 1,
 * and `setAnswer` pushes further rounds. Only on a node proven to be a dev node or a fork.
 *
 * @param chain - a dev chain (replica or fork).
 * @param parameters - the feed address, its decimals, the first answer and its timestamp.
 * @throws {NotADevNodeError} when the node was not proven to be a dev node.
 * @example await installSettableFeed(chain, { feed: ethUsdFeed, decimals: 8, answer: 3000_00000000n, updatedAt })
 */
export async function installSettableFeed(
  chain: Chain,
  parameters: { feed: Address; decimals: number; answer: bigint; updatedAt: bigint },
): Promise<void> {
  if (!chain.devNode)
    throw new NotADevNodeError("Refusing to replace code: the node was not proven to be a dev node.");
  const { feed, decimals, answer, updatedAt } = parameters;
  const runtime = loadArtifact("oracle/SettableAggregator").deployedBytecode;
  await chain.client.setCode({ address: feed, bytecode: runtime });
  const roundId = 1n;
  await chain.client.setStorageAt({
    address: feed,
    index: toHex(0, { size: 32 }),
    value: word(BigInt(decimals) | (roundId << 8n)),
  });
  const base = BigInt(
    keccak256(encodeAbiParameters([{ type: "uint80" }, { type: "uint256" }], [roundId, 1n])),
  );
  await chain.client.setStorageAt({ address: feed, index: word(base), value: word(answer) });
  await chain.client.setStorageAt({ address: feed, index: word(base + 1n), value: word(updatedAt) });
}
