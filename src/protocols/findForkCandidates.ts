import type { AbiEvent, Address } from "viem";
import { discoverEventAccounts } from "../chain/discoverEventAccounts.js";
import type { Chain } from "../chain/types.js";

/**
 * A fork market's candidate accounts: the given list, or every account one of the protocol's events names
 * over the look-back window before the fork block (chunked, cached per chunk: discoverEventAccounts), with
 * where they came from, for the report.
 *
 * @param chain - the fork.
 * @param parameters - the market id (for progress), the list or the event to read, the window, cache, progress.
 * @returns the candidates and their source ("address list", "Borrow events, blocks a–b").
 */
export async function findForkCandidates(
  chain: Chain,
  parameters: {
    id: string;
    listed?: Address[] | undefined;
    address: Address;
    event: AbiEvent;
    account: (args: Record<string, unknown>) => Address;
    blockNumber: bigint;
    discovery: { lookbackBlocks: number; chunkBlocks: number };
    cacheDir?: string | undefined;
    onProgress: (message: string, done?: number, total?: number) => void;
  },
): Promise<{ candidates: Address[]; source: string }> {
  if (parameters.listed) return { candidates: parameters.listed, source: "address list" };
  const { id, blockNumber } = parameters;
  const { lookbackBlocks, chunkBlocks } = parameters.discovery;
  const fromBlock = blockNumber > BigInt(lookbackBlocks) ? blockNumber - BigInt(lookbackBlocks) + 1n : 0n;
  const candidates = await discoverEventAccounts(chain, {
    address: parameters.address,
    event: parameters.event,
    account: parameters.account,
    fromBlock,
    toBlock: blockNumber,
    chunkBlocks: BigInt(chunkBlocks),
    ...(parameters.cacheDir ? { cacheDir: parameters.cacheDir } : {}),
    onProgress: (done, total, found) =>
      parameters.onProgress(
        `fork: ${id} accounts from ${parameters.event.name} events (${found} found)`,
        Number(done),
        Number(total),
      ),
  });
  return { candidates, source: `${parameters.event.name} events, blocks ${fromBlock}–${blockNumber}` };
}
