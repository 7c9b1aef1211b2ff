import {
  type Address,
  formatTransactionReceipt,
  type Hex,
  type RpcTransactionReceipt,
  type TransactionReceipt,
  toHex,
} from "viem";
import type { Chain } from "./types.js";

export type BlockTransaction = { from: Address; to: Address; data: Hex; gas: bigint };

/**
 * Mines `transactions` together in one block, in the order given (the nodes run FIFO mempools), at
 * `timestamp`: one chain block per model block. Automine is switched off for the block and back on after.
 * Reverted transactions do not stop the others; their receipts say so.
 *
 * @param chain - a running dev chain.
 * @param parameters - the block's transactions and timestamp.
 * @returns one receipt per transaction, in order.
 */
export async function sendBlock(
  chain: Chain,
  parameters: { transactions: readonly BlockTransaction[]; timestamp: bigint },
): Promise<TransactionReceipt[]> {
  const ask = chain.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  if (parameters.transactions.length === 0) return [];
  await ask({ method: "evm_setAutomine", params: [false] });
  try {
    await ask({ method: "evm_setNextBlockTimestamp", params: [toHex(parameters.timestamp)] });
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
              maxFeePerGas: toHex(1_000_000_000n),
              maxPriorityFeePerGas: "0x0",
              value: "0x0",
            },
          ],
        })) as Hex,
      );
    await ask({ method: "evm_mine", params: [] });
    const receipts: TransactionReceipt[] = [];
    for (const hash of hashes) {
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
    await ask({ method: "evm_setAutomine", params: [true] });
  }
}
