import type { Hex } from "viem";
import type { Chain } from "../chain/types.js";
import { RpcError } from "../errors/RpcError.js";
import type { Scenario } from "../model/scenario/schema.js";
import { deploymentKey } from "./deploymentKey.js";
import { deployReplica, type Replica } from "./deployReplica.js";

/** A deployed, seeded replica with a snapshot of its starting state, ready to run variants from. */
export type ReplicaSession = {
  chain: Chain;
  replica: Replica;
  /** deploymentKey of the scenario it was deployed for: variants must share it. */
  key: string;
  /** Reverts to the freshly seeded state and takes a new snapshot (a revert consumes the old one). */
  reset: () => Promise<void>;
  stop: () => Promise<void>;
  timings: { deployMs: number };
};

export type OpenReplicaSessionParameters = {
  onProgress?: (message: string, done?: number, total?: number) => void;
  /** Monotonic clock in ms. */
  now?: () => number;
};

/**
 * Deploys and seeds the scenario's world on a fresh local chain (deployReplica) and snapshots it.
 * Every run from the session starts with `reset()`, so deployment is paid once for any number of
 * variants (sweeps, SSF probes) that share the scenario's deploymentKey.
 *
 * @param chain - a fresh local chain (createChain); the session owns it from here and stops it.
 * @param scenario - a validated scenario.
 * @param parameters - progress, clock.
 * @returns the session; the caller stops it (the chain is stopped too if deployment fails).
 */
export async function openReplicaSession(
  chain: Chain,
  scenario: Scenario,
  parameters: OpenReplicaSessionParameters = {},
): Promise<ReplicaSession> {
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  const t1 = now();
  try {
    const replica = await deployReplica(chain, scenario, {
      onProgress: (p, d, n) => progress(`deploy: ${p}`, d, n),
    });
    let snapshot: Hex = await chain.client.snapshot();
    const t2 = now();
    return {
      chain,
      replica,
      key: deploymentKey(scenario),
      reset: async () => {
        const reverted = await chain.request({ method: "evm_revert", params: [snapshot] } as never);
        if (reverted !== true)
          throw new RpcError(`evm_revert(${snapshot}) was refused: the session's starting state is lost.`, {
            metaMessages: ["Open a new session (this one deploys again)."],
          });
        snapshot = await chain.client.snapshot();
      },
      stop: () => chain.stop(),
      timings: { deployMs: t2 - t1 },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
