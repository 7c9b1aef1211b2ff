import {
  type Address,
  formatTransactionReceipt,
  type Hex,
  type RpcTransactionReceipt,
  type TransactionReceipt,
  toHex,
} from "viem";
import type { Chain } from "./types.js";

/**
 * One transaction of a block. `priorityFeeWei` (with a block `baseFeeWei`) is its tip: it is sent with
 * maxFeePerGas = base fee + tip, so a node ordering by fee orders by tip (anvil orders by maxFeePerGas).
 */
export type BlockTransaction = {
  from: Address;
  to: Address;
  data: Hex;
  gas: bigint;
  priorityFeeWei?: bigint;
};

/**
 * Mines `transactions` together in one block at `timestamp`: one chain block per model block. The nodes
 * order their mempools by fee, FIFO among equal fees: without `baseFeeWei` every transaction pays the
 * same and the block keeps the order given; with it (competing liquidators) the next block's base fee is
 * set to it and each transaction bids its own tip, so the node orders the block by tip. Automine is switched off for the block and back on after.
 * Reverted transactions do not stop the others; their receipts say so.
 *
 * @param chain - a running dev chain.
 * @param parameters - the block's transactions, timestamp and (with competing bots) base fee.
 * @returns one receipt per transaction, in order.
 */
export async function sendBlock(
  chain: Chain,
  parameters: {
    transactions: readonly BlockTransaction[];
    timestamp: bigint;
    baseFeeWei?: bigint;
    /** The caller has switched automine off for a run of blocks (withAutomineOff): leave it so. */
    automineOff?: boolean;
  },
): Promise<TransactionReceipt[]> {
  const ask = chain.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  if (parameters.transactions.length === 0) return [];
  const base = parameters.baseFeeWei;
  if (!parameters.automineOff) await ask({ method: "evm_setAutomine", params: [false] });
  try {
    await ask({ method: "evm_setNextBlockTimestamp", params: [toHex(parameters.timestamp)] });
    // Every block's base fee is set: the model's with competing bots, else 0 — never what an earlier run
    // left (anvil keeps its base fee across evm_revert: after a race, 1 gwei would no longer pay).
    await setNextBaseFee(chain, base ?? 0n);
    const hashes: Hex[] = [];
    for (const tx of parameters.transactions)
      hashes.push(
        (await ask({
          method: "eth_sendTransaction",
          params: [
            {
              from: tx.from,
              to: tx.to,
              data: tx.data,
              gas: toHex(tx.gas),
              maxFeePerGas: toHex(base === undefined ? 1_000_000_000n : base + (tx.priorityFeeWei ?? 0n)),
              maxPriorityFeePerGas: toHex(base === undefined ? 0n : (tx.priorityFeeWei ?? 0n)),
              value: "0x0",
            },
          ],
        })) as Hex,
      );
    await ask({ method: "evm_mine", params: [] });
    // The whole block's receipts in one call; per transaction only for what the block could not hold.
    const mined = new Map<string, RpcTransactionReceipt>();
    if (!blockReceiptsUnsupported.has(chain)) {
      try {
        const all = (await ask({
          method: "eth_getBlockReceipts",
          params: ["latest"],
        })) as RpcTransactionReceipt[];
        for (const r of all ?? []) mined.set(r.transactionHash.toLowerCase(), r);
      } catch {
        blockReceiptsUnsupported.add(chain);
      }
    }
    const receipts: TransactionReceipt[] = [];
    for (const hash of hashes) {
      const known = mined.get(hash.toLowerCase());
      if (known) {
        receipts.push(formatTransactionReceipt(known));
        continue;
      }
      let rpc = (await ask({
        method: "eth_getTransactionReceipt",
        params: [hash],
      })) as RpcTransactionReceipt | null;
      // A block that could not hold everything leaves the rest pending: mine until all are in.
      for (let i = 0; !rpc && i < 10; i++) {
        await ask({ method: "evm_mine", params: [] });
        rpc = (await ask({
          method: "eth_getTransactionReceipt",
          params: [hash],
        })) as RpcTransactionReceipt | null;
      }
      if (rpc) receipts.push(formatTransactionReceipt(rpc));
    }
    return receipts;
  } finally {
    if (!parameters.automineOff) await ask({ method: "evm_setAutomine", params: [true] });
  }
}

/** Nodes that answered eth_getBlockReceipts with an error: asked per transaction from then on. */
const blockReceiptsUnsupported = new WeakSet<Chain>();

/**
 * Runs `f` with the node's automine off (sendBlock with `automineOff` then mines each block itself), and
 * switches it back on however `f` ends: one switch per run of blocks instead of two per block.
 *
 * @param chain - a running dev chain.
 * @param f - what to run.
 * @returns what `f` returns.
 */
export async function withAutomineOff<T>(chain: Chain, f: () => Promise<T>): Promise<T> {
  const ask = chain.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  await ask({ method: "evm_setAutomine", params: [false] });
  try {
    return await f();
  } finally {
    await ask({ method: "evm_setAutomine", params: [true] });
  }
}

/**
 * Sets the base fee of the next block the node mines (anvil_setNextBlockBaseFeePerGas on anvil,
 * hardhat_setNextBlockBaseFeePerGas on EDR).
 *
 * @param chain - a running dev chain.
 * @param wei - the base fee.
 */
export async function setNextBaseFee(chain: Chain, wei: bigint): Promise<void> {
  const ask = chain.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  await ask({
    method:
      chain.backend === "anvil" ? "anvil_setNextBlockBaseFeePerGas" : "hardhat_setNextBlockBaseFeePerGas",
    params: [toHex(wei)],
  });
}
