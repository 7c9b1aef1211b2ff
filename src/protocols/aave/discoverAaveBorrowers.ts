import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
 * With `cacheDir`, each chunk's borrowers are kept in `cacheDir/<chainId>/<pool>/<from>-<to>.json`, and a
 * later run reads them from there instead of the network: logs up to a pinned fork block never change.
 *
 * @param chain - a chain (replica or fork; on a fork the logs come from the upstream endpoint).
 * @param parameters - the Pool, the range, the chunk size (default 10,000 blocks), cache, progress.
 * @returns the borrowers (`onBehalfOf`).
 */
export async function discoverAaveBorrowers(
  chain: Chain,
  parameters: {
    pool: Address;
    fromBlock: bigint;
    toBlock: bigint;
    chunkBlocks?: bigint;
    /** Keep each chunk's result here; only for ranges at or below a pinned fork block. */
    cacheDir?: string;
    onProgress?: (doneBlocks: bigint, totalBlocks: bigint, found: number, cached: boolean) => void;
  },
): Promise<Address[]> {
  const chunk = parameters.chunkBlocks ?? 10_000n;
  const seen = new Set<string>();
  const out: Address[] = [];
  const total = parameters.toBlock - parameters.fromBlock + 1n;
  for (let from = parameters.fromBlock; from <= parameters.toBlock; from += chunk) {
    const to = from + chunk - 1n < parameters.toBlock ? from + chunk - 1n : parameters.toBlock;
    const dir = parameters.cacheDir
      ? join(parameters.cacheDir, String(chain.chainId), parameters.pool.toLowerCase())
      : undefined;
    const file = dir ? join(dir, `${from}-${to}.json`) : undefined;
    let chunkBorrowers: Address[] | undefined;
    if (file)
      chunkBorrowers = await readFile(file, "utf8").then(
        (text) => JSON.parse(text) as Address[],
        () => undefined,
      );
    const cached = chunkBorrowers !== undefined;
    if (!chunkBorrowers) {
      const logs = await withRetry(`eth_getLogs Borrow ${from}–${to}`, () =>
        chain.client.getLogs({
          address: parameters.pool,
          event: BORROW_EVENT,
          fromBlock: from,
          toBlock: to,
          strict: true,
        }),
      );
      chunkBorrowers = logs.map((log) => log.args.onBehalfOf);
      if (dir && file) {
        await mkdir(dir, { recursive: true });
        await writeFile(file, JSON.stringify(chunkBorrowers));
      }
    }
    for (const who of chunkBorrowers) {
      if (!seen.has(who.toLowerCase())) {
        seen.add(who.toLowerCase());
        out.push(who);
      }
    }
    parameters.onProgress?.(to - parameters.fromBlock + 1n, total, out.length, cached);
  }
  return out;
}
