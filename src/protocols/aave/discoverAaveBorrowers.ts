import { type Address, parseAbiItem } from "viem";
import type { Chain } from "../../chain/types.js";
import { withRetry } from "../../chain/withRetry.js";

/** Aave V3 Pool's Borrow event (the same in v3.0 and v3.3). */
export const BORROW_EVENT = parseAbiItem(
  "event Borrow(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint8 interestRateMode, uint256 borrowRate, uint16 indexed referralCode)",
);

/**
 * Every account that borrowed on an Aave V3 Pool in a block range, from the Pool's own Borrow events:
 * eth_getLogs in chunks (providers cap the range), each retried with backoff, with progress. Accounts are
 * returned once each, in order of first borrow; their current debt is then read in batches.
 *
 * @param chain - a chain (replica or fork; on a fork the logs come from the upstream endpoint).
 * @param parameters - the Pool, the range, the chunk size (default 10,000 blocks), progress.
 * @returns the borrowers (`onBehalfOf`).
 */
export async function discoverAaveBorrowers(
  chain: Chain,
  parameters: {
    pool: Address;
    fromBlock: bigint;
    toBlock: bigint;
    chunkBlocks?: bigint;
    onProgress?: (doneBlocks: bigint, totalBlocks: bigint, found: number) => void;
  },
): Promise<Address[]> {
  const chunk = parameters.chunkBlocks ?? 10_000n;
  const seen = new Set<string>();
  const out: Address[] = [];
  const total = parameters.toBlock - parameters.fromBlock + 1n;
  for (let from = parameters.fromBlock; from <= parameters.toBlock; from += chunk) {
    const to = from + chunk - 1n < parameters.toBlock ? from + chunk - 1n : parameters.toBlock;
    const logs = await withRetry(`eth_getLogs Borrow ${from}–${to}`, () =>
      chain.client.getLogs({
        address: parameters.pool,
        event: BORROW_EVENT,
        fromBlock: from,
        toBlock: to,
        strict: true,
      }),
    );
    for (const log of logs) {
      const who = log.args.onBehalfOf;
      if (!seen.has(who.toLowerCase())) {
        seen.add(who.toLowerCase());
        out.push(who);
      }
    }
    parameters.onProgress?.(to - parameters.fromBlock + 1n, total, out.length);
  }
  return out;
}
