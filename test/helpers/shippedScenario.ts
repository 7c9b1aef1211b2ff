import type { Scenario } from "../../src/model/scenario/schema.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";

/** A shipped scenario (a path under scenarios/), copied and edited. */
export async function shippedScenario(
  path: string,
  edit: (s: Scenario) => void = () => {},
): Promise<Scenario> {
  const s = structuredClone(await loadScenario(path));
  edit(s);
  return s;
}
