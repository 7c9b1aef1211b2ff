import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AbiEvent, Address } from "viem";
import type { Chain } from "./types.js";
import { withRetry } from "./withRetry.js";

export type DiscoverEventAccountsParameters<E extends AbiEvent> = {
  /** The contract whose events are read. */
  address: Address;
  event: E;
  /** The account an event names (the borrower). */
  account: (args: Record<string, unknown>) => Address;
  fromBlock: bigint;
  toBlock: bigint;
  /** Blocks per eth_getLogs (providers cap the range); default 10,000. */
  chunkBlocks?: bigint;
  /** Keep each chunk's result here; only for ranges at or below a pinned fork block. */
  cacheDir?: string;
  onProgress?: (doneBlocks: bigint, totalBlocks: bigint, found: number, cached: boolean) => void;
};

/**
 * Every account one event of a contract names over a block range: eth_getLogs in chunks, each retried with
 * backoff, with progress. Accounts are returned once each, in order of first appearance. With `cacheDir`,
 * each chunk's accounts are kept in `cacheDir/<chainId>/<address>/<from>-<to>.json`, and a later run reads
 * them from there instead of the network: logs up to a pinned fork block never change.
 *
 * @param chain - a chain (replica or fork; on a fork the logs come from the upstream endpoint).
 * @param parameters - the contract, the event and the account it names, the range, chunk size, cache, progress.
 * @returns the accounts.
 */
export async function discoverEventAccounts<E extends AbiEvent>(
  chain: Chain,
  parameters: DiscoverEventAccountsParameters<E>,
): Promise<Address[]> {
  const chunk = parameters.chunkBlocks ?? 10_000n;
  const seen = new Set<string>();
  const out: Address[] = [];
  const total = parameters.toBlock - parameters.fromBlock + 1n;
  const dir = parameters.cacheDir
    ? join(parameters.cacheDir, String(chain.chainId), parameters.address.toLowerCase())
    : undefined;
  for (let from = parameters.fromBlock; from <= parameters.toBlock; from += chunk) {
    const to = from + chunk - 1n < parameters.toBlock ? from + chunk - 1n : parameters.toBlock;
    const file = dir ? join(dir, `${from}-${to}.json`) : undefined;
    let accounts: Address[] | undefined;
    if (file)
      accounts = await readFile(file, "utf8").then(
        (text) => JSON.parse(text) as Address[],
        () => undefined,
      );
    const cached = accounts !== undefined;
    if (!accounts) {
      const logs = await withRetry(`eth_getLogs ${parameters.event.name} ${from}–${to}`, () =>
        chain.client.getLogs({
          address: parameters.address,
          event: parameters.event as AbiEvent,
          fromBlock: from,
          toBlock: to,
          strict: true,
        }),
      );
      accounts = logs.map((log) => parameters.account(log.args as Record<string, unknown>));
      if (dir && file) {
        await mkdir(dir, { recursive: true });
        await writeFile(file, JSON.stringify(accounts));
      }
    }
    for (const who of accounts) {
      if (!seen.has(who.toLowerCase())) {
        seen.add(who.toLowerCase());
        out.push(who);
      }
    }
    parameters.onProgress?.(to - parameters.fromBlock + 1n, total, out.length, cached);
  }
  return out;
}
