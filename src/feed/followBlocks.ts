import type { PublicClient } from "viem";

/**
 * Follows a chain block by block, read-only: every `pollMs` it asks for the newest block number and hands
 * each block it has not seen to `onBlock`, in order and none skipped (it catches up after a slow block).
 * A block is handed over once a newer one exists, or once it has been the newest for `settleMs`: a dev
 * node (anvil) answers reads of its newest block from the state it is mining into, so a read made while
 * the next block is being mined can see that block's state; an older block's state is fixed.
 * A chain that goes back (a dev node reverted to a snapshot, a reorg) is followed from where it now is. A
 * failed request or handler goes to `onError` and the same block is tried again on the next poll: a chain
 * hiccup never stops the follower.
 *
 * @param client - any node's client.
 * @param parameters - the first block to hand over (default: the newest when it starts), the poll
 *   interval, the handler and the error sink.
 * @returns `stop()`, and `caughtUp(n)`: resolves once block n has been handled.
 */
export function followBlocks(
  client: Pick<PublicClient, "getBlockNumber">,
  parameters: {
    fromBlock?: bigint;
    pollMs?: number;
    settleMs?: number;
    /** `newest`: it was the chain's newest block when handed over (settled, no newer one seen yet). */
    onBlock(block: bigint, state: { newest: boolean }): Promise<void>;
    onError(error: unknown): void;
  },
): { stop(): void; caughtUp(block: bigint): Promise<void> } {
  const { onBlock, onError } = parameters;
  const pollMs = parameters.pollMs ?? 250;
  const settleMs = parameters.settleMs ?? 500;
  let newestSeen: { block: bigint; since: number } | undefined;
  let next = parameters.fromBlock;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const waiting: { block: bigint; resolve(): void }[] = [];
  const settle = (handled: bigint) => {
    for (let i = waiting.length - 1; i >= 0; i--)
      if (waiting[i]!.block <= handled) waiting.splice(i, 1)[0]!.resolve();
  };
  const poll = async () => {
    try {
      const newest = await client.getBlockNumber({ cacheTime: 0 });
      if (next === undefined || newest + 1n < next) next = newest;
      if (newestSeen?.block !== newest) newestSeen = { block: newest, since: performance.now() };
      const settled = performance.now() - newestSeen.since >= settleMs;
      while (!stopped && (next < newest || (next === newest && settled))) {
        await onBlock(next, { newest: next === newest });
        settle(next);
        next++;
      }
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(poll, pollMs);
  };
  timer = setTimeout(poll, 0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    caughtUp: (block) =>
      new Promise<void>((resolve) => {
        if (next !== undefined && next > block) resolve();
        else waiting.push({ block, resolve });
      }),
  };
}
