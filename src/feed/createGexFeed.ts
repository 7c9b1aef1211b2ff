import type { PublicClient } from "viem";
import type { GexSnapshot } from "../model/gex/types.js";
import type { OptionBook } from "../model/options/types.js";
import { createGexCompute } from "./createGexCompute.js";
import { followBlocks } from "./followBlocks.js";
import { readSpot, type SpotSource } from "./readSpot.js";

/** What the feed publishes for one block. */
export type GexEvent = GexSnapshot & {
  block: string;
  /** The block's timestamp, seconds. */
  timestamp: number;
  /** The oracle's price of the underlying at that block (absent without one). */
  oracle?: number;
  /** Where the numbers come from: the chain, the pool the spot is read from, the books. */
  provenance: { chainId: number; pool: string; oracle?: string; books: string; startTimestamp: number };
  computeMs: number;
};

/** The feed's counters, for /metrics. */
export type GexFeedStats = { blocks: number; errors: number; lastComputeMs: number; lastError?: string };

export type GexFeed = {
  latest(): GexEvent | undefined;
  /** Every block's event as it is computed, in block order; returns the unsubscribe. */
  subscribe(listener: (event: GexEvent) => void): () => void;
  stats(): GexFeedStats;
  caughtUp(block: bigint): Promise<void>;
  stop(): void;
};

/**
 * The public GEX feed's engine: follows a chain (read-only: nothing is sent), and at every block reads the
 * underlying's price from its reference pool (and its oracle) at that block and recomputes the dealers'
 * gamma picture (gexSnapshot) with the options aged to the block's timestamp since the feed's start.
 *
 * @param client - any node's client.
 * @param parameters - the books and what they are (provenance), the spot's source, the chain id, the first
 *   block and its timestamp as the books' time 0 (default: the newest when it starts), the poll interval.
 * @returns the feed.
 */
export function createGexFeed(
  client: Pick<PublicClient, "getBlockNumber" | "getBlock" | "request">,
  parameters: {
    books: readonly OptionBook[];
    booksSource: string;
    spot: SpotSource;
    chainId: number;
    fromBlock?: bigint;
    pollMs?: number;
    settleMs?: number;
    /** The flip on a second thread (createGexCompute; default: for books of 2,000 lines or more). */
    parallel?: boolean;
  },
): GexFeed {
  const { books, spot } = parameters;
  const compute = createGexCompute(books, {
    ...(parameters.parallel !== undefined ? { parallel: parameters.parallel } : {}),
  });
  const listeners = new Set<(event: GexEvent) => void>();
  const stats: GexFeedStats = { blocks: 0, errors: 0, lastComputeMs: 0 };
  let latest: GexEvent | undefined;
  let startTimestamp: number | undefined;
  const follower = followBlocks(client, {
    ...(parameters.fromBlock !== undefined ? { fromBlock: parameters.fromBlock } : {}),
    ...(parameters.pollMs !== undefined ? { pollMs: parameters.pollMs } : {}),
    ...(parameters.settleMs !== undefined ? { settleMs: parameters.settleMs } : {}),
    async onBlock(blockNumber, { newest }) {
      const block = await client.getBlock({ blockNumber });
      let price = await readSpot(client, spot, block.hash);
      // The newest block, if the next was mined while it was read, was read against the state being mined:
      // read it again, now fixed. (An older block's state was fixed already.)
      if (newest && (await client.getBlockNumber({ cacheTime: 0 })) > blockNumber)
        price = await readSpot(client, spot, block.hash);
      const timestamp = Number(block.timestamp);
      startTimestamp ??= timestamp;
      const t0 = performance.now();
      const snapshot = await compute.snapshot(price.spot, Math.max(0, timestamp - startTimestamp));
      const computeMs = performance.now() - t0;
      latest = {
        block: String(blockNumber),
        timestamp,
        ...(price.oracle !== undefined ? { oracle: price.oracle } : {}),
        ...snapshot,
        provenance: {
          chainId: parameters.chainId,
          pool: spot.pool,
          ...(spot.oracle ? { oracle: spot.oracle } : {}),
          books: parameters.booksSource,
          startTimestamp,
        },
        computeMs,
      };
      stats.blocks++;
      stats.lastComputeMs = computeMs;
      for (const listener of listeners) listener(latest);
    },
    onError(error) {
      stats.errors++;
      stats.lastError = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    },
  });
  return {
    latest: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () => ({ ...stats }),
    caughtUp: (block) => follower.caughtUp(block),
    stop() {
      follower.stop();
      void compute.stop();
    },
  };
}
