import { readFile } from "node:fs/promises";
import { type Address, getAddress, isAddress } from "viem";
import { ScenarioLoadError } from "../errors/ScenarioLoadError.js";

/**
 * Reads a borrower list for fork mode (`--borrowers`), used instead of discovery from Borrow events:
 * either JSON `{ "<market id>": ["0x…", …] }`, or text with one address per line (`#` comments allowed)
 * for every Aave market of the scenario.
 *
 * @param path - the file.
 * @param marketIds - the scenario's Aave market ids (a text list applies to each).
 * @returns addresses per market id, checksummed.
 * @throws {ScenarioLoadError} naming the line or key that is not an address.
 */
export async function loadBorrowerList(
  path: string,
  marketIds: readonly string[],
): Promise<Record<string, Address[]>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ScenarioLoadError(`Cannot read the borrower list ${path}.`, { cause });
  }
  const check = (value: unknown, where: string): Address => {
    if (typeof value !== "string" || !isAddress(value, { strict: false }))
      throw new ScenarioLoadError(
        `${path}, ${where}: expected a 0x-prefixed 20-byte address, found ${JSON.stringify(value)}.`,
      );
    return getAddress(value);
  };
  if (text.trimStart().startsWith("{")) {
    const json = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(json).map(([market, list]) => {
        if (!marketIds.includes(market))
          throw new ScenarioLoadError(
            `${path}: "${market}" is not an Aave market of the scenario (${marketIds.join(", ")}).`,
          );
        if (!Array.isArray(list))
          throw new ScenarioLoadError(`${path}, ${market}: expected an array of addresses.`);
        return [market, list.map((a, i) => check(a, `${market}[${i}]`))];
      }),
    );
  }
  const addresses = text
    .split("\n")
    .map((line, i) => ({ line: line.replace(/#.*/, "").trim(), n: i + 1 }))
    .filter((l) => l.line)
    .map((l) => check(l.line, `line ${l.n}`));
  return Object.fromEntries(marketIds.map((id) => [id, addresses]));
}
