import type { Hex } from "viem";
import { RpcError } from "../errors/RpcError.js";
import type { Chain } from "./types.js";

/**
 * Snapshots the chain's current state and returns a function that goes back to it. The revert is checked
 * (a refused `evm_revert` throws instead of letting a run start from the wrong state) and a new snapshot is
 * taken each time, since a revert consumes the one it used.
 *
 * @param chain - a dev chain.
 * @returns `reset`, which restores the state as it was when this was called.
 * @throws {RpcError} from `reset` when the node refuses the revert.
 */
export async function keepSnapshot(chain: Chain): Promise<() => Promise<void>> {
  let snapshot: Hex = await chain.client.snapshot();
  return async () => {
    const reverted = await chain.request({ method: "evm_revert", params: [snapshot] } as never);
    if (reverted !== true)
      throw new RpcError(`evm_revert(${snapshot}) was refused: the session's starting state is lost.`, {
        metaMessages: ["Open a new session (this one deploys again)."],
      });
    snapshot = await chain.client.snapshot();
  };
}
