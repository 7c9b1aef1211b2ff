import type { Scenario } from "../model/scenario/schema.js";
import { countBorrowers } from "./countBorrowers.js";

/** From this many borrowers seeded on chain, a replica's chain keeps no past states but its newest block's parent. */
export const PRUNE_HISTORY_FROM_BORROWERS = 2_000;

/**
 * The past states a replica's local anvil keeps (createChain's `pastStates`): all of them for a scenario
 * of fewer than 2,000 borrowers on chain, only the newest block's parent from there on. anvil 1.7 copies
 * its whole state into its history at every block, which at 10,000 borrowers is ~35 ms a block and most
 * of evm_mine's time; DLCM reads the newest state and traces the newest block's transactions only (a
 * GEX feed or a served replica, which others read at past blocks, keeps all: they do not call this).
 *
 * @param scenario - the scenario the chain will hold.
 * @returns `{ pastStates: 1 }` for a large replica, else `{}`.
 */
export function replicaPastStates(scenario: Scenario): { pastStates?: number } {
  const borrowers = countBorrowers(scenario, ["aave-v3", "compound-v3", "morpho-blue"]);
  return borrowers >= PRUNE_HISTORY_FROM_BORROWERS ? { pastStates: 1 } : {};
}
