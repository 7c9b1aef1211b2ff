import type { EIP1193RequestFn } from "viem";
import { NotADevNodeError } from "../errors/NotADevNodeError.js";
import type { DevNodeInfo } from "./types.js";

/**
 * Proves that a node is a local development node (anvil or Hardhat/EDR), forked or not, before anything
 * impersonates an account or edits state. Only dev nodes answer `anvil_nodeInfo` or `hardhat_metadata`;
 * a live network's endpoint answers neither, and the harness then refuses to go on.
 *
 * @param request - the node's JSON-RPC request function.
 * @returns what kind of dev node it is and whether it forks.
 * @throws {NotADevNodeError} when neither dev-node method answers.
 * @example const info = await assertDevNode(chain.request); // { kind: "anvil", forked: false, ... }
 */
export async function assertDevNode(request: EIP1193RequestFn): Promise<DevNodeInfo> {
  const ask = request as (args: { method: string; params?: unknown[] }) => Promise<unknown>;
  const errors: string[] = [];
  try {
    const info = (await ask({ method: "anvil_nodeInfo", params: [] })) as {
      forkConfig?: { forkUrl?: string | null; forkBlockNumber?: number | string | null };
    };
    const forkBlock = info.forkConfig?.forkBlockNumber;
    return {
      kind: "anvil",
      forked: Boolean(info.forkConfig?.forkUrl),
      forkBlockNumber: forkBlock == null ? undefined : BigInt(forkBlock),
    };
  } catch (error) {
    errors.push(`anvil_nodeInfo: ${(error as Error).message.split("\n")[0]}`);
  }
  try {
    const meta = (await ask({ method: "hardhat_metadata", params: [] })) as {
      forkedNetwork?: { forkBlockNumber?: number };
    };
    const forkBlock = meta.forkedNetwork?.forkBlockNumber;
    return {
      kind: "hardhat",
      forked: Boolean(meta.forkedNetwork),
      forkBlockNumber: forkBlock == null ? undefined : BigInt(forkBlock),
    };
  } catch (error) {
    errors.push(`hardhat_metadata: ${(error as Error).message.split("\n")[0]}`);
  }
  throw new NotADevNodeError("Refusing to edit state: this node is not a local dev node or a fork.", {
    metaMessages: ["DLCM only impersonates accounts and writes state on anvil or Hardhat's EDR.", ...errors],
    docsPath: "#on-chain-how-dlcm-run-works",
  });
}
