import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  encodeFunctionData,
  type TransactionReceipt,
} from "viem";
import { sendTransaction } from "./sendTransaction.js";
import type { Chain } from "./types.js";

export type WriteContractParameters<
  abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
> = {
  from: Address;
  address: Address;
  abi: abi;
  functionName: name;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>;
  value?: bigint;
  gas?: bigint;
};

/**
 * Calls a contract function in a mined transaction (fixed gas, no estimation) and returns the receipt.
 *
 * @param chain - a running chain.
 * @param parameters - sender, contract, ABI, function and arguments.
 * @returns the receipt.
 * @throws {TransactionRevertedError} with the decoded reason when it reverts.
 * @example await writeContract(chain, { from, address: pool, abi: poolAbi, functionName: "initialize", args: [sqrtPriceX96] });
 */
export async function writeContract<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(chain: Chain, parameters: WriteContractParameters<abi, name>): Promise<TransactionReceipt> {
  const data = encodeFunctionData({
    abi: parameters.abi,
    functionName: parameters.functionName,
    args: parameters.args,
  } as Parameters<typeof encodeFunctionData>[0]);
  return await sendTransaction(chain, {
    from: parameters.from,
    to: parameters.address,
    data,
    abi: parameters.abi,
    ...(parameters.value !== undefined ? { value: parameters.value } : {}),
    ...(parameters.gas !== undefined ? { gas: parameters.gas } : {}),
  });
}
