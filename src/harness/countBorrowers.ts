import type { Scenario } from "../model/scenario/schema.js";

/**
 * How many borrowers the scenario gives the markets of `kinds` (generated sets by their count, listed ones
 * by their positions): what a replica seeds on chain for them.
 *
 * @param scenario - the scenario.
 * @param kinds - the market kinds counted.
 * @returns the number of borrowers.
 */
export function countBorrowers(
  scenario: Scenario,
  kinds: readonly Scenario["markets"][number]["kind"][],
): number {
  const counted = new Set(scenario.markets.filter((m) => kinds.includes(m.kind)).map((m) => m.id));
  let borrowers = 0;
  for (const set of scenario.borrowers)
    if (counted.has(set.market)) borrowers += "generator" in set ? set.generator.count : set.positions.length;
  return borrowers;
}
