import { readCascadeState } from "../harness/readCascadeState.js";
import type { CascadeAction, CascadeState } from "../model/cascade/types.js";
import { type ModelReport, runModel } from "../model/runModel.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { ReplicaFixture } from "./replicaFixture.js";

/**
 * The replica reset to its seeded state and read back, and the model run on it: the script runOnChain
 * executes (actions), with the model's liquidatable positions per block, for tests that tamper with it.
 *
 * @param fixture - the shared replica (useReplica).
 * @param scenario - a variant of the fixture's deployment (only behaviour may differ).
 * @returns the state read back, the model report, its actions and liquidatable sets.
 */
export async function modelScript(
  fixture: ReplicaFixture,
  scenario: Scenario,
): Promise<{
  initial: CascadeState;
  model: ModelReport;
  actions: CascadeAction[];
  liquidatable: Map<number, Record<string, number[]>>;
}> {
  await fixture.reset();
  const initial = await readCascadeState(fixture.chain, {
    book: fixture.replica.book,
    base: fixture.session.baseState(scenario),
  });
  const actions: CascadeAction[] = [];
  const liquidatable = new Map<number, Record<string, number[]>>();
  const model = runModel(scenario, {
    state: initial,
    skipSsf: true,
    onAction: (a) => actions.push(a),
    onLiquidatable: (block, market, indices) =>
      liquidatable.set(block, { ...liquidatable.get(block), [market]: indices }),
  });
  return { initial, model, actions, liquidatable };
}
