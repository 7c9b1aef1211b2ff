import type { Hex } from "viem";
import { createChain } from "../chain/createChain.js";
import type { Chain, ChainBackend } from "../chain/types.js";
import { deployReplica, type Replica } from "../harness/deployReplica.js";
import type { Scenario } from "../model/scenario/schema.js";
import { testScenario } from "./testScenario.js";

export type ReplicaFixture = {
  chain: Chain;
  replica: Replica;
  scenario: Scenario;
  /** Reverts the chain to the freshly seeded state (and takes a new snapshot: a revert consumes it). */
  reset: () => Promise<void>;
};

const fixtures = new Map<string, Promise<ReplicaFixture & { snapshot: { id: Hex } }>>();

/**
 * The test replica on a backend, deployed once per process and shared by every test file: each test
 * calls `reset()` first instead of deploying again.
 *
 * @param backend - anvil or edr.
 * @returns the chain, the replica (address book and model state) and reset.
 */
export async function useReplica(backend: ChainBackend): Promise<ReplicaFixture> {
  let fixture = fixtures.get(backend);
  if (!fixture) {
    fixture = (async () => {
      const chain = await createChain({ backend });
      try {
        const scenario = testScenario();
        const replica = await deployReplica(chain, scenario);
        const snapshot = { id: await chain.client.snapshot() };
        const reset = async () => {
          await chain.client.revert({ id: snapshot.id });
          snapshot.id = await chain.client.snapshot();
        };
        return { chain, replica, scenario, reset, snapshot };
      } catch (error) {
        await chain.stop();
        throw error;
      }
    })();
    fixtures.set(backend, fixture);
  }
  return await fixture;
}

/** Stops every fixture's chain (root `after` hook). */
export async function stopReplicas(): Promise<void> {
  const all = [...fixtures.values()];
  fixtures.clear();
  await Promise.all(all.map(async (f) => (await f.catch(() => undefined))?.chain.stop()));
}
