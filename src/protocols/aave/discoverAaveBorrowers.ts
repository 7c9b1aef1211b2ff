import { type Address, parseAbiItem } from "viem";
import { discoverEventAccounts } from "../../chain/discoverEventAccounts.js";
import type { Chain } from "../../chain/types.js";

/** Aave V3 Pool's Borrow event (the same in v3.0 and v3.3). */
export const BORROW_EVENT = parseAbiItem(
  "event Borrow(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint8 interestRateMode, uint256 borrowRate, uint16 indexed referralCode)",
);

/**
 * Every account that borrowed on an Aave V3 Pool in a block range, from the Pool's own Borrow events
 * (`onBehalfOf`), chunked, retried and cached per chunk (discoverEventAccounts); their current debt is then
 * read in batches.
 *
 * @param chain - a chain (replica or fork; on a fork the logs come from the upstream endpoint).
 * @param parameters - the Pool, the range, the chunk size (default 10,000 blocks), cache, progress.
 * @returns the borrowers, once each, in order of first borrow.
 */
export function discoverAaveBorrowers(
  chain: Chain,
  parameters: {
    pool: Address;
    fromBlock: bigint;
    toBlock: bigint;
    chunkBlocks?: bigint;
    cacheDir?: string;
    onProgress?: (doneBlocks: bigint, totalBlocks: bigint, found: number, cached: boolean) => void;
  },
): Promise<Address[]> {
  const { pool, ...range } = parameters;
  return discoverEventAccounts(chain, {
    ...range,
    address: pool,
    event: BORROW_EVENT,
    account: (args) => args.onBehalfOf as Address,
  });
}
