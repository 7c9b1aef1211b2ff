import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { ScenarioLoadError } from "../errors/ScenarioLoadError.js";
import { parseScenario } from "../model/scenario/parseScenario.js";
import type { Scenario } from "../model/scenario/schema.js";

/**
 * Reads a scenario file (JSON, or YAML by extension) and validates it; with `policy`, a Sovereign Risk
 * DAO policy file of the same formats becomes its `dao` section (validated with it: errors name `dao.…`).
 * @throws {ScenarioLoadError} when a file is missing or not JSON/YAML.
 * @throws {ScenarioValidationError} listing every bad field.
 * @example await loadScenario("scenarios/eth-crash-40pct-15m.json", { policy: "scenarios/policies/sovereign-risk-dao.json" })
 */
export async function loadScenario(path: string, options: { policy?: string } = {}): Promise<Scenario> {
  const value = await readDocument(path, "scenario", "Check the path; shipped scenarios are in scenarios/.");
  if (options.policy === undefined) return parseScenario(value, path);
  const policy = await readDocument(
    options.policy,
    "DAO policy",
    "Check the path; a shipped policy is scenarios/policies/sovereign-risk-dao.json.",
  );
  if (value === null || typeof value !== "object")
    throw new ScenarioLoadError(`${path} is not a scenario (an object).`);
  return parseScenario({ ...(value as object), dao: policy }, `${path} with policy ${options.policy}`);
}

/** A JSON or YAML file's value. */
async function readDocument(path: string, what: string, hint: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ScenarioLoadError(`Cannot read ${what} file ${path}.`, { cause, metaMessages: [hint] });
  }
  try {
    return /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (cause) {
    throw new ScenarioLoadError(`${path} is not valid ${/\.ya?ml$/i.test(path) ? "YAML" : "JSON"}.`, {
      cause,
    });
  }
}
