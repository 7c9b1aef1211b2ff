import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { scenarioSchema } from "../model/scenario/schema.js";
import { terminal } from "./terminal.js";

/** `dlcm schema [--out FILE]`: writes the scenario JSON Schema for editors. */
export async function commandSchema(values: { out?: string }): Promise<number> {
  const out = values.out ?? "scenarios/schema.json";
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
  await writeFile(out, `${JSON.stringify(schema, null, 2)}\n`);
  terminal.summary([`wrote ${out}`], { command: "schema", out });
  return 0;
}
