import type { ChainBackend } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import { countBorrowers } from "./countBorrowers.js";

/**
 * Rates measured by `npm run bench` on a 2-core machine (README, Speed): borrowers deployed and seeded per
 * second, and borrowers read by the per-block scan per second. Lower bounds of what was measured, since
 * anvil slows as its chain grows.
 */
const RATES: Record<ChainBackend, { seedPerSecond: number; scanPerSecond: number }> = {
  anvil: { seedPerSecond: 900, scanPerSecond: 8_000 },
  edr: { seedPerSecond: 400, scanPerSecond: 700 },
};

/**
 * A rough lower bound on how long a replica run of `scenario` takes on chain, from the borrowers it seeds
 * (lending markets that run on chain: Aave) and, with the per-block scan, the borrowers read after every
 * block of the shock. For a warning before a run that would take hours, not a promise.
 *
 * @param scenario - the scenario.
 * @param parameters - the backend and the scan mode.
 * @returns seconds, and the borrowers that would be seeded.
 * @example estimateChainRunSeconds(scenario, { backend: "anvil", scan: "every-block" }).seconds
 */
export function estimateChainRunSeconds(
  scenario: Scenario,
  parameters: { backend: ChainBackend; scan: "every-block" | "final" },
): { seconds: number; borrowers: number } {
  const borrowers = countBorrowers(scenario, ["aave-v3"]);
  const rate = RATES[parameters.backend];
  const shockSeconds =
    scenario.shock.kind === "generator"
      ? scenario.shock.durationSeconds
      : Math.max(...scenario.shock.points.map((p) => p.t));
  const blocks = Math.ceil(shockSeconds / scenario.blockTimeSeconds);
  const scan = parameters.scan === "every-block" ? (borrowers * blocks) / rate.scanPerSecond : 0;
  return { seconds: borrowers / rate.seedPerSecond + scan, borrowers };
}
