import { keepSnapshot } from "../chain/keepSnapshot.js";
import type { Chain } from "../chain/types.js";
import { buildCascadeState } from "../model/cascade/buildCascadeState.js";
import type { Scenario } from "../model/scenario/schema.js";
import { baseIsToken0 } from "./baseIsToken0.js";
import { deploymentKey } from "./deploymentKey.js";
import { deployReplica, type Replica } from "./deployReplica.js";
import type { ChainSession } from "./types.js";

/** A session on a deployed, seeded replica; `replica` keeps what deployment built. */
export type ReplicaSession = ChainSession & { replica: Replica };

export type OpenReplicaSessionParameters = {
  onProgress?: (message: string, done?: number, total?: number) => void;
  /** Monotonic clock in ms. */
  now?: () => number;
};

/**
 * Deploys and seeds the scenario's world on a fresh local chain (deployReplica) and snapshots it.
 * Every run from the session starts with `reset()`, so deployment is paid once for any number of
 * variants (sweeps, SSF probes) that share the scenario's deploymentKey. A variant's model state is built
 * from the variant itself: the replica was seeded from exactly that state.
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
    const reset = await keepSnapshot(chain);
    const t2 = now();
    const order = baseIsToken0(replica.book.tokens);
    return {
      chain,
      replica,
      book: replica.book,
      baseState: (variant) => buildCascadeState(variant, { baseIsToken0: order }),
      modelOnly: replica.modelOnly,
      key: deploymentKey(scenario),
      reset,
      stop: () => chain.stop(),
      timings: { deployMs: t2 - t1 },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
