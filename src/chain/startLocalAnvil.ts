import { type AnvilInstance, type StartAnvilParameters, startAnvil } from "./startAnvil.js";

/**
 * An empty local anvil whose blocks cost what their transactions cost. anvil 1.7's in-memory node rebuilds
 * its whole state trie for every block's state root: 5.6 ms an empty block on the default replica and
 * ~150 ms at 10,000 borrowers, against 0.4 ms for the same block on a node that forks another (a fork's
 * database computes no state root; its blocks carry a zero one). So the local chain is two processes: an
 * empty anvil of ours (`upstream`, never written to) and the node everything talks to, forking it at its
 * genesis. Reads of an account the working node has never seen ask the empty upstream once (loopback).
 * With `stateRoots` the chain is one plain anvil, whose blocks carry real state roots.
 *
 * @param parameters - startAnvil's, without a fork; `stateRoots` for one plain node.
 * @returns the working node; `stop()` stops both, `pids` lists both.
 * @example const anvil = await startLocalAnvil({ timestamp: 1_700_000_000n });
 */
export async function startLocalAnvil(
  parameters: Omit<StartAnvilParameters, "forkUrl" | "forkBlockNumber" | "forkStorageCaching"> & {
    stateRoots?: boolean;
  } = {},
): Promise<AnvilInstance & { pids: number[] }> {
  const { stateRoots, ...node } = parameters;
  if (stateRoots) {
    const plain = await startAnvil(node);
    return { ...plain, pids: [plain.pid] };
  }
  const upstream = await startAnvil({
    ...(node.timestamp !== undefined ? { timestamp: node.timestamp } : {}),
    ...(node.hardfork !== undefined ? { hardfork: node.hardfork } : {}),
    ...(node.gasLimit !== undefined ? { gasLimit: node.gasLimit } : {}),
  });
  try {
    // Never cache: the on-disk fork cache is keyed by chain id and block, and every upstream is a new chain.
    const working = await startAnvil({ ...node, forkUrl: upstream.rpcUrl, forkStorageCaching: false });
    return {
      ...working,
      pids: [working.pid, upstream.pid],
      async stop() {
        await Promise.all([working.stop(), upstream.stop()]);
      },
    };
  } catch (error) {
    await upstream.stop();
    throw error;
  }
}
