import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { PricePathError } from "../errors/PricePathError.js";
import { parsePricePath } from "../model/replay/parsePricePath.js";
import type { PricePath } from "../model/replay/types.js";

/**
 * Reads a replay's price-path file (.csv or .json, by extension) and parses it.
 * @throws {PricePathError} when the file is missing, has another extension, or is malformed.
 */
export async function loadPricePath(path: string): Promise<PricePath> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".json")
    throw new PricePathError(`${path}: a price path is a .csv or .json file.`, { docsPath: "#replays" });
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new PricePathError(`Cannot read price-path file ${path}.`, {
      cause,
      metaMessages: ["Shipped replays are in scenarios/replays/."],
    });
  }
  return parsePricePath(text, ext === ".csv" ? "csv" : "json", basename(path, ext));
}
