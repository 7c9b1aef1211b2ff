import { readFile } from "node:fs/promises";
import { ScenarioLoadError } from "../errors/ScenarioLoadError.js";
import { parseForkAddresses } from "../protocols/addresses/parseForkAddresses.js";
import type { ForkAddresses } from "../protocols/types.js";

/**
 * Reads a fork-mode address file (`--addresses`): JSON of the ForkAddresses shape (a replica's
 * `report.json` → `chain.addressBook` is one).
 *
 * @param path - the file.
 * @returns the validated addresses.
 * @throws {ScenarioLoadError} when it cannot be read or is not JSON; {ScenarioValidationError} on bad fields.
 */
export async function loadForkAddresses(path: string): Promise<ForkAddresses> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw new ScenarioLoadError(`Cannot read the address file ${path} as JSON.`, { cause });
  }
  return parseForkAddresses(input, path);
}
