import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { ScenarioLoadError } from "../errors/ScenarioLoadError.js";
import { parseScenario } from "../model/scenario/parseScenario.js";
import type { Scenario } from "../model/scenario/schema.js";

/**
 * Reads a scenario file (JSON, or YAML by extension) and validates it.
 * @throws {ScenarioLoadError} when the file is missing or not JSON/YAML.
 * @throws {ScenarioValidationError} listing every bad field.
 */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ScenarioLoadError(`Cannot read scenario file ${path}.`, {
      cause,
      metaMessages: ["Check the path; shipped scenarios are in scenarios/."],
    });
  }
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (cause) {
    throw new ScenarioLoadError(`${path} is not valid ${/\.ya?ml$/i.test(path) ? "YAML" : "JSON"}.`, {
      cause,
    });
  }
  return parseScenario(value, path);
}
