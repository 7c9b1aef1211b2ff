import { writeFile } from "node:fs/promises";
import { secretRegistry } from "../chain/secretRegistry.js";

/**
 * Writes a report file with every registered secret redacted (an error that echoes a fork URL ends up in
 * report.json and report.md). Every report writer writes through this.
 *
 * @param path - the file.
 * @param text - its contents.
 * @example await writeTextFile("out/report.md", markdown);
 */
export async function writeTextFile(path: string, text: string): Promise<void> {
  await writeFile(path, secretRegistry.redact(text));
}
