import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { daoPolicySchema } from "../model/scenario/daoSchema.js";
import { scenarioSchema } from "../model/scenario/schema.js";
import { terminal } from "./terminal.js";

/** The scenario JSON Schema for editors, as `scenarios/schema.json` holds it (its file text). */
export function scenarioJsonSchemaText(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** The DAO policy file's JSON Schema (`--policy`), as `scenarios/policies/schema.json` holds it. */
export function daoPolicyJsonSchemaText(): string {
  const schema = z.toJSONSchema(daoPolicySchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * `dlcm schema [--out FILE]`: writes the scenario JSON Schema for editors, and the DAO policy
 * file's (policies/schema.json beside it).
 */
export async function commandSchema(values: { out?: string }): Promise<number> {
  const out = values.out ?? "scenarios/schema.json";
  const policyOut = join(dirname(out), "policies", "schema.json");
  await writeFile(out, scenarioJsonSchemaText());
  await writeFile(policyOut, daoPolicyJsonSchemaText());
  terminal.summary([`wrote ${out}`, `wrote ${policyOut}`], { command: "schema", out, policyOut });
  return 0;
}
