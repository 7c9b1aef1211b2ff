import {
  type Address,
  createClient,
  custom,
  defineChain,
  type EIP1193RequestFn,
  http,
  publicActions,
  type Transport,
  testActions,
  webSocket,
} from "viem";
import { ChainStartError } from "../errors/ChainStartError.js";
import { assertDevNode } from "./assertDevNode.js";
import { redactUrl } from "./redactUrl.js";
import { secretRegistry } from "./secretRegistry.js";
import { type AnvilInstance, startAnvil } from "./startAnvil.js";
import { startLocalAnvil } from "./startLocalAnvil.js";
import type { Chain, ChainBackend, ChainClient } from "./types.js";

export type CreateChainParameters = {
  backend: ChainBackend;
  /** Fork this endpoint at this block; absent: an empty local chain (the replica). */
  fork?: { url: string; blockNumber?: bigint } | undefined;
  /** Genesis timestamp (seconds) of a local chain, for reproducible runs. Default 1,700,000,000. */
  timestamp?: bigint;
  /** anvil only: listen on this port (default: a free one). */
  port?: number;
  /**
   * anvil only, local chains: one plain node whose blocks carry real state roots, at 5.6 ms an empty block
   * on the default replica (default: the node forks an empty anvil of ours and its blocks cost only their
   * transactions: startLocalAnvil). `DLCM_ANVIL_STATE_ROOTS=1` sets it too.
   */
  stateRoots?: boolean;
  /**
   * anvil only, local chains: keep at most this many past blocks' states (default: all). anvil 1.7 copies
   * its whole state into its history at every block, ~35 ms a block at 10,000 borrowers; with 1 the
   * newest block's transactions can still be traced, but calls at older blocks fail (startAnvil).
   */
  pastStates?: number;
  /**
   * Attach to a node that is already running (http(s) or ws(s) URL) instead of starting one: it must prove
   * to be a dev node (anvil or Hardhat) like any other, and `stop()` only closes the connection.
   */
  attach?: { url: string } | undefined;
};

const DEFAULT_TIMESTAMP = 1_700_000_000n;
const GAS_LIMIT = 60_000_000n;

/**
 * Starts a local chain on anvil (child processes, over WebSocket: a local chain is a node forking an empty
 * anvil of ours, whose blocks skip the state root, see startLocalAnvil) or on Hardhat 3's in-process EDR
 * (`network.create()` on an `edr-simulated` network), and returns the same `Chain` for both. The node is
 * proven to be a dev node (assertDevNode) before this returns, and the base fee is set to zero so fixed
 * fee caps always pass, also on a fork whose base fee is mainnet's.
 *
 * @param parameters - backend, optional fork and genesis timestamp, or a running node to attach to.
 * @returns a running chain; call `stop()` when done.
 * @throws {ChainStartError} when the node does not start; {NotADevNodeError} when it is not a dev node.
 * @example
 * const chain = await createChain({ backend: "anvil" });
 * try { await chain.client.getBlockNumber(); } finally { await chain.stop(); }
 */
export async function createChain(parameters: CreateChainParameters): Promise<Chain> {
  const timestamp = parameters.timestamp ?? DEFAULT_TIMESTAMP;
  // Either backend may echo the fork URL (rewritten) in its errors: redact by the URL's secret parts.
  if (parameters.fork) secretRegistry.addUrl(parameters.fork.url);
  let transport: Transport;
  let close: () => Promise<void>;
  let pid: number | undefined;
  let pids: number[] = [];
  // A local anvil forks an empty anvil of ours (startLocalAnvil): a dev node, and no fork of anything real.
  let scratchFork = false;
  let localRpcUrl: string | undefined;
  if (parameters.attach) {
    const { url } = parameters.attach;
    secretRegistry.addUrl(url);
    transport = /^wss?:/i.test(url)
      ? webSocket(url, { retryCount: 0, timeout: 120_000 })
      : http(url, { retryCount: 0 });
    close = async () => {
      const rpc = await (
        transport({}).value as { getRpcClient?: () => Promise<{ close(): void }> } | undefined
      )
        ?.getRpcClient?.()
        .catch(() => undefined);
      rpc?.close();
    };
  } else if (parameters.backend === "anvil") {
    const started = await startAnvilNode(parameters, timestamp);
    const anvil = started.node;
    scratchFork = started.scratchFork;
    pids = anvil.pids;
    transport = webSocket(anvil.wsUrl, { retryCount: 0, timeout: 120_000 });
    pid = anvil.pid;
    localRpcUrl = anvil.wsUrl.replace(/^ws:/, "http:");
    close = async () => {
      try {
        const rpc = await transport({}).value?.getRpcClient?.();
        rpc?.close();
      } catch {
        // The socket may already be gone; stopping anvil is what matters.
      }
      await anvil.stop();
    };
  } else {
    const { createHardhatRuntimeEnvironment } = await import("hardhat/hre");
    let connection: Awaited<
      ReturnType<Awaited<ReturnType<typeof createHardhatRuntimeEnvironment>>["network"]["create"]>
    >;
    try {
      const hre = await createHardhatRuntimeEnvironment({
        networks: {
          dlcm: {
            type: "edr-simulated",
            chainType: "l1",
            hardfork: "cancun",
            blockGasLimit: GAS_LIMIT,
            allowBlocksWithSameTimestamp: true,
            throwOnTransactionFailures: false,
            throwOnCallFailures: true,
            mining: { auto: true, mempool: { order: "priority" } },
            ...(parameters.fork
              ? {
                  forking: {
                    url: parameters.fork.url,
                    ...(parameters.fork.blockNumber !== undefined
                      ? { blockNumber: parameters.fork.blockNumber }
                      : {}),
                  },
                }
              : { initialDate: new Date(Number(timestamp) * 1000), initialBaseFeePerGas: 0n }),
          },
        },
      });
      connection = await hre.network.create("dlcm");
      await connection.provider.request({ method: "eth_chainId" });
    } catch (cause) {
      const where = parameters.fork ? ` forking ${redactUrl(parameters.fork.url)}` : "";
      throw new ChainStartError(`EDR did not start${where}.`, {
        cause,
        docsPath: "#on-chain-how-dlcm-run-works",
      });
    }
    const provider = connection.provider;
    transport = custom({ request: (args) => provider.request(args) }, { retryCount: 0 });
    close = () => connection.close();
  }

  const request = transport({}).request as EIP1193RequestFn;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= close();
    return stopped;
  };
  try {
    const proven = await assertDevNode(request);
    // The node forks the empty anvil startLocalAnvil started beside it: an empty local chain, as the replica needs.
    const devNode = scratchFork ? { ...proven, forked: false, forkBlockNumber: undefined } : proven;
    const chainId = Number(await request({ method: "eth_chainId" }));
    const mode = devNode.kind === "anvil" ? "anvil" : "hardhat";
    const client = createClient({
      chain: defineChain({
        id: chainId,
        name: `dlcm-${parameters.backend}`,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [] } },
      }),
      transport,
      pollingInterval: 50,
      cacheTime: 0,
    })
      .extend(publicActions)
      .extend(testActions({ mode })) as unknown as ChainClient;
    await client.setNextBlockBaseFeePerGas({ baseFeePerGas: 0n });
    const accounts = (await request({ method: "eth_accounts" })) as Address[];
    return {
      backend: parameters.backend,
      chainId,
      client,
      request,
      devNode,
      accounts,
      impersonated: new Set(),
      localRpcUrl,
      pid,
      pids,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * createChain's anvil: a fork of `parameters.fork`, or a local chain (startLocalAnvil: a node forking an
 * empty anvil of ours, unless `stateRoots`), with every process it started.
 */
async function startAnvilNode(
  parameters: CreateChainParameters,
  timestamp: bigint,
): Promise<{ node: AnvilInstance & { pids: number[] }; scratchFork: boolean }> {
  const port = parameters.port !== undefined ? { port: parameters.port } : {};
  const stateRoots = parameters.stateRoots ?? process.env.DLCM_ANVIL_STATE_ROOTS === "1";
  if (parameters.fork) {
    const node = await startAnvil({
      gasLimit: GAS_LIMIT,
      ...port,
      forkUrl: parameters.fork.url,
      // anvil caches a fork's state on disk by chain id and block. A local upstream (a replica) can
      // hold different states at the same block across runs (snapshots, redeploys): never cache it.
      forkStorageCaching: !isLocalUrl(parameters.fork.url),
      ...(parameters.fork.blockNumber !== undefined ? { forkBlockNumber: parameters.fork.blockNumber } : {}),
    });
    return { node: { ...node, pids: [node.pid] }, scratchFork: false };
  }
  const node = await startLocalAnvil({
    gasLimit: GAS_LIMIT,
    ...port,
    timestamp,
    stateRoots,
    ...(parameters.pastStates !== undefined ? { pastStates: parameters.pastStates } : {}),
  });
  return { node, scratchFork: !stateRoots };
}

function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || host.startsWith("127.");
  } catch {
    return false;
  }
}
