import type { Scenario } from "../model/scenario/schema.js";
import { testScenario } from "./testScenario.js";

/**
 * The test replica's world with a linear −40% in 15 minutes: only the shock differs from testScenario, so
 * it runs from the shared replica's snapshot.
 *
 * @returns a validated scenario.
 */
export function linearCrash(): Scenario {
  return testScenario((raw) => {
    raw.shock = { kind: "generator", dropPct: 40, durationSeconds: 900, shape: "linear" };
  });
}
