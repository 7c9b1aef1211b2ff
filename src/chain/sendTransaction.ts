import {
  type Abi,
  type Address,
  formatTransactionReceipt,
  type Hex,
  type RpcTransactionReceipt,
  type TransactionReceipt,
  toHex,
} from "viem";
import { TransactionRevertedError } from "../errors/TransactionRevertedError.js";
import { decodeRevert } from "./decodeRevert.js";
import { tracedRevert } from "./tracedRevert.js";
import type { Chain } from "./types.js";

export type SendTransactionParameters = {
  /** A dev account or an impersonated address. */
  from: Address;
  /** Absent: a contract creation with `data` as init code. */
  to?: Address | undefined;
  data?: Hex;
  value?: bigint;
  /** Fixed gas limit; no estimation (it costs ~8 ms and is sometimes short for v3 swaps). Default 15M. */
  gas?: bigint;
  /** ABIs for decoding a custom-error revert. */
  abi?: Abi;
};

const DEFAULT_GAS = 15_000_000n;
// The base fee is zeroed at start (createChain); a 1 gwei cap covers the 1-wei creep of full blocks.
const MAX_FEE = 1_000_000_000n;

/**
 * Sends one transaction from an unlocked or impersonated account, mined at once, and returns its
 * receipt. On anvil one `eth_sendTransactionSync` call returns the receipt; EDR's automine is synchronous,
 * so the receipt is there right after `eth_sendTransaction`. A reverted transaction throws with the reason
 * (found by replaying the call on the parent block).
 *
 * @param chain - a running chain.
 * @param parameters - from, to, data, value and a fixed gas limit.
 * @returns the mined receipt (status "success").
 * @throws {TransactionRevertedError} when the transaction reverted.
 * @example const receipt = await sendTransaction(chain, { from, to: token, data: encodeFunctionData(...) });
 */
export async function sendTransaction(
  chain: Chain,
  parameters: SendTransactionParameters,
): Promise<TransactionReceipt> {
  const tx = {
    from: parameters.from,
    ...(parameters.to ? { to: parameters.to } : {}),
    ...(parameters.data ? { data: parameters.data } : {}),
    value: toHex(parameters.value ?? 0n),
    gas: toHex(parameters.gas ?? DEFAULT_GAS),
    maxFeePerGas: toHex(MAX_FEE),
    maxPriorityFeePerGas: "0x0",
  };
  const ask = chain.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  let rpcReceipt: RpcTransactionReceipt;
  if (chain.devNode.kind === "anvil") {
    rpcReceipt = (await ask({ method: "eth_sendTransactionSync", params: [tx] })) as RpcTransactionReceipt;
  } else {
    const hash = (await ask({ method: "eth_sendTransaction", params: [tx] })) as Hex;
    rpcReceipt = (await ask({
      method: "eth_getTransactionReceipt",
      params: [hash],
    })) as RpcTransactionReceipt;
  }
  const receipt = formatTransactionReceipt(rpcReceipt);
  if (receipt.status === "success") return receipt;
  // The mined transaction's own revert data (anvil's call trace): a replay on the parent block runs at that
  // block's timestamp, so a revert that depends on the time (interest accrued since) can pass there or
  // fail for another reason. The replay remains for nodes without the trace (EDR).
  let reason = await tracedRevert(ask, receipt.transactionHash, parameters.abi);
  if (reason === undefined) {
    try {
      await ask({ method: "eth_call", params: [tx, toHex(receipt.blockNumber - 1n)] });
    } catch (error) {
      reason = decodeRevert(error, parameters.abi);
    }
  }
  throw new TransactionRevertedError(`Transaction reverted${reason ? `: ${reason}` : ""}.`, {
    reason,
    hash: receipt.transactionHash,
    metaMessages: [
      `from: ${parameters.from}`,
      `to: ${parameters.to ?? "(contract creation)"}`,
      `gas used: ${receipt.gasUsed}`,
      `tx: ${receipt.transactionHash}`,
    ],
  });
}
