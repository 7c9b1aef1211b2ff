import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { scenarioSchema } from "../model/scenario/schema.js";
import { terminal } from "./terminal.js";

/** The scenario JSON Schema for editors, as `scenarios/schema.json` holds it (its file text). */
export function scenarioJsonSchemaText(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** `dlcm schema [--out FILE]`: writes the scenario JSON Schema for editors. */
export async function commandSchema(values: { out?: string }): Promise<number> {
  const out = values.out ?? "scenarios/schema.json";
  await writeFile(out, scenarioJsonSchemaText());
  terminal.summary([`wrote ${out}`], { command: "schema", out });
  return 0;
}
