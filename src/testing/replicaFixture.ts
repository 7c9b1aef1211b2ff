import { createChain } from "../chain/createChain.js";
import type { Chain, ChainBackend } from "../chain/types.js";
import type { Replica } from "../harness/deployReplica.js";
import { openReplicaSession, type ReplicaSession } from "../harness/openReplicaSession.js";
import type { Scenario } from "../model/scenario/schema.js";
import { campaignScenario } from "./campaignScenario.js";
import { mainnetLikeScenario } from "./mainnetLikeScenario.js";
import { testScenario } from "./testScenario.js";

export type ReplicaFixture = {
  chain: Chain;
  replica: Replica;
  scenario: Scenario;
  /** The session behind the fixture (for runVariantOnChain). */
  session: ReplicaSession;
  /** Reverts the chain to the freshly seeded state (and takes a new snapshot: a revert consumes it). */
  reset: () => Promise<void>;
};

const SCENARIOS: Record<ReplicaWorld, () => Scenario> = {
  test: () => testScenario(),
  "mainnet-like": () => mainnetLikeScenario(),
  "mainnet-like-v3.0": () => mainnetLikeScenario("v3.0"),
  campaign: () => campaignScenario(),
  "campaign-v3.7": () => campaignScenario("v3.7"),
  "campaign-v3.0": () => campaignScenario("v3.0"),
};

const fixtures = new Map<string, Promise<ReplicaFixture>>();

/**
 * The worlds a test can ask for: the test scenario, the same in mainnet's corner (mainnetLikeScenario), or
 * the exactness campaign's four-reserve Aave market with e-mode (campaignScenario), on v3.6 or v3.7.
 */
export type ReplicaWorld =
  | "test"
  | "mainnet-like"
  | "mainnet-like-v3.0"
  | "campaign"
  | "campaign-v3.7"
  | "campaign-v3.0";

/**
 * The test replica on a backend, deployed once per process and world and shared by every test file: each
 * test calls `reset()` first instead of deploying again.
 *
 * @param backend - anvil or edr.
 * @param world - which world; default the test scenario's.
 * @returns the chain, the replica (address book and model state), the session and reset.
 */
export async function useReplica(
  backend: ChainBackend,
  world: ReplicaWorld = "test",
): Promise<ReplicaFixture> {
  const key = `${backend}:${world}`;
  let fixture = fixtures.get(key);
  if (!fixture) {
    fixture = (async () => {
      const scenario = SCENARIOS[world]();
      const session = await openReplicaSession(await createChain({ backend }), scenario);
      return { chain: session.chain, replica: session.replica, scenario, session, reset: session.reset };
    })();
    fixtures.set(key, fixture);
  }
  return await fixture;
}

/** Stops every fixture's chain (root `after` hook). */
export async function stopReplicas(): Promise<void> {
  const all = [...fixtures.values()];
  fixtures.clear();
  await Promise.all(all.map(async (f) => (await f.catch(() => undefined))?.session.stop()));
}
