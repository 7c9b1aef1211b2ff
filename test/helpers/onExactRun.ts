import { createChain } from "../../src/chain/createChain.js";
import type { Chain } from "../../src/chain/types.js";
import { openReplicaSession, type ReplicaSession } from "../../src/harness/openReplicaSession.js";
import { runVariantOnChain, type VariantRun } from "../../src/harness/runVariantOnChain.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { expectExactRun } from "./expectExactRun.js";

/**
 * The scenario's replica on a fresh anvil, its cascade run once and required exact (expectExactRun), then
 * `check` on the chain as the run left it; the chain is stopped whatever happens.
 *
 * @param scenario - the scenario.
 * @param check - the test's own checks, with the chain, the session and the run.
 */
export async function onExactRun(
  scenario: Scenario,
  check: (c: { chain: Chain; session: ReplicaSession; run: VariantRun }) => Promise<void>,
): Promise<void> {
  const chain = await createChain({ backend: "anvil" });
  const session = await openReplicaSession(chain, scenario);
  try {
    const run = await runVariantOnChain(session, scenario, { skipSsf: true });
    expectExactRun(run);
    await check({ chain, session, run });
  } finally {
    await session.stop();
  }
}
