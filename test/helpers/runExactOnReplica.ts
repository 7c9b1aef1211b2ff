import { expect } from "chai";
import type { ChainBackend } from "../../src/chain/types.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

/**
 * One variant on the suite's shared replica of `backend` (final scan, no SSF search) at `shockDepth`,
 * checked to have run with every transaction equal to the model's to the wei.
 *
 * @returns the run, its chain side, and the session and replica it ran on.
 */
export async function runExactOnReplica(
  scenario: Scenario,
  shockDepth: number,
  backend: ChainBackend = "anvil",
) {
  const { session, replica } = await useReplica(backend);
  const run = await runVariantOnChain(session, scenario, { shockDepth, skipSsf: true, scan: "final" });
  expect(run.error ?? null).to.equal(null);
  const chain = run.chain!;
  expect(chain.actions.mismatched, JSON.stringify(chain.mismatches.slice(0, 2))).to.equal(0);
  expect(chain.actions.exact).to.equal(chain.actions.executed);
  return { run, chain, session, replica };
}
