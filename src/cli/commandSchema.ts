import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { scenarioSchema } from "../model/scenario/schema.js";

/** `dlcm schema [--out FILE]`: writes the scenario JSON Schema for editors. */
export async function commandSchema(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: "string" } } });
  const out = values.out ?? "scenarios/schema.json";
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
  await writeFile(out, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}
