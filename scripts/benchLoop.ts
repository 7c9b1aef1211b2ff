// The chain loop against the EVM in `npm run bench` (issue 20), all in one run on anvil: the EVM's own
// rate (a block of 500 queued swaps mined at once — about what anvil's 60M gas limit holds —; and the default cascade's own blocks, timed at
// evm_mine), the chain loop's rate on the default cascade with `--scan final` and with the per-block scan,
// and the same transactions sent the ordinary viem way (send, wait for the receipt, one by one), on this
// node and on one plain anvil (which computes every block's state root), with the loop there too.
import { createPublicClient, createWalletClient, encodeFunctionData, type Hex, http, toHex } from "viem";
import { createChain } from "../src/chain/createChain.js";
import { loadArtifact } from "../src/chain/loadArtifact.js";
import { openReplicaSession } from "../src/harness/openReplicaSession.js";
import { runVariantOnChain } from "../src/harness/runVariantOnChain.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";

const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;
type Ask = (args: { method: string; params: unknown[] }) => Promise<unknown>;

export async function benchLoop(
  // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON
  base: Record<string, any>,
): Promise<Record<string, unknown>> {
  const scenario = parseScenario(structuredClone(base));
  const chain = await createChain({ backend: "anvil" });
  try {
    const session = await openReplicaSession(chain, scenario);
    // Time spent in evm_mine, and every transaction the loop sends (for the plain-viem replay).
    const ask = chain.request as Ask;
    let mineMs = 0;
    // What every loop must ask of the node for each block: mine it, and read its receipts to check them.
    let receiptsMs = 0;
    let record: { from: Hex; to: Hex; data: Hex; gas: Hex }[] | undefined;
    (chain as { request: Ask }).request = async (args) => {
      if (args.method === "eth_sendTransaction" && record) {
        const tx = args.params[0] as { from: Hex; to: Hex; data: Hex; gas: Hex };
        record.push({ from: tx.from, to: tx.to, data: tx.data, gas: tx.gas });
      }
      if (args.method !== "evm_mine" && args.method !== "eth_getBlockReceipts") return ask(args);
      const t = performance.now();
      try {
        return await ask(args);
      } finally {
        if (args.method === "evm_mine") mineMs += performance.now() - t;
        else receiptsMs += performance.now() - t;
      }
    };
    const loop: Record<string, unknown>[] = [];
    let sent: { from: Hex; to: Hex; data: Hex; gas: Hex }[] = [];
    for (const scan of ["final", "every-block"] as const) {
      await session.reset();
      mineMs = 0;
      receiptsMs = 0;
      record = [];
      const run = await runVariantOnChain(session, scenario, {
        skipSsf: true,
        scan,
        now: () => performance.now(),
      });
      if (scan === "final") sent = record;
      record = undefined;
      const executed = run.chain?.actions.executed ?? 0;
      const ms = run.timings.chainCascadeMs ?? 0;
      loop.push({
        scan,
        transactions: executed,
        exact: run.chain?.actions.exact,
        chainCascadeMs: round(ms),
        txPerSecond: round(executed / (ms / 1000)),
        evmMineMs: round(mineMs),
        evmTxPerSecond: round(executed / (mineMs / 1000)),
        receiptsMs: round(receiptsMs),
        mineAndReceiptsTxPerSecond: round(executed / ((mineMs + receiptsMs) / 1000)),
        positionsRead: run.chain?.scanCheck.positionsRead,
      });
    }

    // The EVM's own rate on swaps: 500 swaps queued with mining off (the block holds ~600), then one
    // evm_mine; three such blocks from the same state, the median (one block's time moves by a third
    // between runs).
    const swapBlocks: { swaps: number; ms: number }[] = [];
    for (let b = 0; b < 3; b++) swapBlocks.push(await swapBlock(session, scenario, ask));
    swapBlocks.sort((x, y) => x.swaps / x.ms - y.swaps / y.ms);
    const median = swapBlocks[1]!;
    const evmSwapsPerSecond = median.swaps / (median.ms / 1000);
    const emptyBlock = { local: await emptyBlockMs(ask) };

    // The same transactions the ordinary viem way: send, wait for the receipt, next (automine on), on this
    // node, then on one plain anvil (what a script started the ordinary way runs on: its in-memory node
    // rebuilds the state trie every block, here once per transaction), with the loop itself there too.
    await session.reset();
    const plain = sent.slice(0, 400);
    const plainPerSecond = await plainViem(chain.localRpcUrl!, plain);
    const onPlainAnvil = await plainAnvil(scenario, plain);
    await session.reset();
    const rate = (scan: string) => (loop.find((l) => l.scan === scan)!.txPerSecond as number) ?? 0;
    return {
      emptyBlockMs: { ...emptyBlock, plainAnvil: onPlainAnvil.emptyBlockMs },
      evmSwapsPerSecond: round(evmSwapsPerSecond),
      evmSwapBlock: { swaps: median.swaps, ms: round(median.ms) },
      evmSwapBlocksMs: swapBlocks.map((b) => round(b.ms)),
      loop,
      plainViemTxPerSecond: round(plainPerSecond),
      plainViemTransactions: plain.length,
      evmRateFraction: {
        final: round(rate("final") / evmSwapsPerSecond, 3),
        everyBlock: round(rate("every-block") / evmSwapsPerSecond, 3),
      },
      goalEvmRateFraction: { final: 0.25, everyBlock: 0.15 },
      // The fraction a loop would reach if it cost nothing but evm_mine on these transactions: the
      // cascade's blocks run at evmTxPerSecond, the reference at evmSwapsPerSecond.
      evmRateFractionCeiling: Object.fromEntries(
        loop.map((l) => [l.scan, round((l.evmTxPerSecond as number) / evmSwapsPerSecond, 3)]),
      ),
      // The same for a loop that costs nothing but what it cannot skip: evm_mine and one
      // eth_getBlockReceipts per block (no sends, no reads, no model, no checks).
      mineAndReceiptsCeiling: Object.fromEntries(
        loop.map((l) => [l.scan, round((l.mineAndReceiptsTxPerSecond as number) / evmSwapsPerSecond, 3)]),
      ),
      // Against the EVM's own time on the same transactions (the cascade's blocks at evm_mine).
      sameTransactionsFraction: Object.fromEntries(
        loop.map((l) => [l.scan, round((l.txPerSecond as number) / (l.evmTxPerSecond as number), 3)]),
      ),
      goalLoopOverPlainViem: 15,
      loopOverPlainViem: {
        final: round(rate("final") / plainPerSecond, 2),
        everyBlock: round(rate("every-block") / plainPerSecond, 2),
      },
      // One plain anvil (stateRoots): the loop there, and the plain script there (the ordinary way).
      plainAnvil: onPlainAnvil,
      loopOverPlainViemOnPlainAnvil: {
        final: round(rate("final") / onPlainAnvil.plainViemTxPerSecond, 2),
        everyBlock: round(rate("every-block") / onPlainAnvil.plainViemTxPerSecond, 2),
      },
      // What a loop costing only evm_mine and the receipts would reach against that plain script.
      mineAndReceiptsOverPlainViemOnPlainAnvil: Object.fromEntries(
        loop.map((l) => [
          l.scan,
          round((l.mineAndReceiptsTxPerSecond as number) / onPlainAnvil.plainViemTxPerSecond, 2),
        ]),
      ),
      // The local chain (a node forking an empty anvil) against one plain anvil, the loop's --scan final.
      localChainOverPlainAnvil: round(rate("final") / onPlainAnvil.loopFinalTxPerSecond, 2),
    };
  } finally {
    await chain.stop();
  }
}

type Sent = { from: Hex; to: Hex; data: Hex; gas: Hex };

/** `txs` the ordinary viem way over `url`: viem's wallet and public clients, send, wait for the receipt, next. */
async function plainViem(url: string, txs: readonly Sent[]): Promise<number> {
  const transport = http(url);
  const wallet = createWalletClient({ transport });
  const reader = createPublicClient({ transport, pollingInterval: 4 });
  const t = performance.now();
  for (const tx of txs) {
    const hash = await wallet.sendTransaction({
      account: tx.from,
      to: tx.to,
      data: tx.data,
      gas: BigInt(tx.gas),
      chain: null,
    });
    await reader.waitForTransactionReceipt({ hash });
  }
  return txs.length / ((performance.now() - t) / 1000);
}

/** Mean evm_mine of 50 empty blocks (automine off while it runs). */
async function emptyBlockMs(ask: Ask): Promise<number> {
  await ask({ method: "evm_setAutomine", params: [false] });
  const t = performance.now();
  for (let i = 0; i < 50; i++) await ask({ method: "evm_mine", params: [] });
  const ms = (performance.now() - t) / 50;
  await ask({ method: "evm_setAutomine", params: [true] });
  return round(ms, 2);
}

/** On one plain anvil (real state roots): the loop with `--scan final`, an empty block, and the plain script. */
async function plainAnvil(scenario: ReturnType<typeof parseScenario>, txs: readonly Sent[]) {
  const chain = await createChain({ backend: "anvil", stateRoots: true });
  try {
    const session = await openReplicaSession(chain, scenario);
    const run = await runVariantOnChain(session, scenario, {
      skipSsf: true,
      scan: "final",
      now: () => performance.now(),
    });
    const executed = run.chain?.actions.executed ?? 0;
    const ms = run.timings.chainCascadeMs ?? 0;
    await session.reset();
    const empty = await emptyBlockMs(chain.request as Ask);
    await session.reset();
    return {
      loopFinalTxPerSecond: round(executed / (ms / 1000)),
      loopFinalExact: run.chain?.actions.exact,
      emptyBlockMs: empty,
      plainViemTxPerSecond: round(await plainViem(chain.localRpcUrl!, txs)),
    };
  } finally {
    await chain.stop();
  }
}

/** One block of 500 queued swaps on the reference pool, from the session's reset state, timed at evm_mine. */
async function swapBlock(
  session: Awaited<ReturnType<typeof openReplicaSession>>,
  scenario: ReturnType<typeof parseScenario>,
  ask: Ask,
): Promise<{ swaps: number; ms: number }> {
  await session.reset();
  const swapperAbi = loadArtifact("uniswap/PoolSwapper").abi;
  const poolId = scenario.referencePool;
  const pool = session.book.uniswapV3.pools[poolId]!;
  const weth = session.book.tokens[scenario.underlying]!.address;
  const sellIsZeroForOne = pool.token0.toLowerCase() === weth.toLowerCase();
  const trader = session.book.roles.trader;
  await ask({ method: "evm_setAutomine", params: [false] });
  const swaps = 500;
  for (let i = 0; i < swaps; i++) {
    const sell = i % 2 === 0;
    const zeroForOne = sell === sellIsZeroForOne;
    await ask({
      method: "eth_sendTransaction",
      params: [
        {
          from: trader,
          to: session.book.harness.swapper,
          gas: toHex(1_000_000n),
          maxFeePerGas: toHex(1_000_000_000n),
          maxPriorityFeePerGas: "0x0",
          data: encodeFunctionData({
            abi: swapperAbi,
            functionName: "swap",
            args: [
              pool.address,
              zeroForOne,
              sell ? 10n ** 17n : 300_000_000n,
              zeroForOne ? 4295128740n : 1461446703485210103287273052203988822378723970341n,
              trader,
            ],
          }),
        },
      ],
    });
  }
  const t = performance.now();
  await ask({ method: "evm_mine", params: [] });
  const evmSwapMs = performance.now() - t;
  await ask({ method: "evm_setAutomine", params: [true] });
  const mined = (await ask({ method: "eth_getBlockByNumber", params: ["latest", false] })) as {
    transactions: unknown[];
  };
  return { swaps: mined.transactions.length, ms: evmSwapMs };
}
