// npm run hash-outputs: a fingerprint of the model's behaviour, for refactors that must change nothing.
// For every shipped scenario under each liquidator ordering, and for generated 10k and 100k books, it runs
// the cascade recording every chain action, event, round, liquidatable set and the totals, and prints one
// SHA-256 per run (and writes them to out/hashes.json). Run it before a refactor and after: equal hashes
// mean identical outputs. HASH_SIZES=10000 limits the generated books.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { buildCascadeState } from "../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../src/model/cascade/shockPath.js";
import { runModel } from "../src/model/runModel.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
const sha = (v: unknown) => createHash("sha256").update(json(v)).digest("hex").slice(0, 16);
const orderings = ["largest-debt", "lowest-health", "random"] as const;
const hashes: Record<string, string> = {};

// biome-ignore lint/suspicious/noExplicitAny: scenario JSON before validation, edited by path
function cascadeHash(raw: Record<string, any>, name: string, scanLiquidatable: boolean): string {
  const scenario = parseScenario(raw, name);
  const actions: unknown[] = [];
  const liquidatable: unknown[] = [];
  const result = runCascade(buildCascadeState(scenario), {
    shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds),
    maxBlocks: scenario.maxBlocks,
    seed: scenario.seed,
    onAction: (a) => actions.push(a),
    ...(scanLiquidatable ? { onLiquidatable: (b, m, i) => liquidatable.push([b, m, i]) } : {}),
  });
  const { finalState: _, ...rest } = result;
  return sha({ rest, actions, liquidatable });
}

const files = readdirSync("scenarios").filter((f) => f.endsWith(".json") && f !== "schema.json");
for (const file of files) {
  const base = JSON.parse(readFileSync(`scenarios/${file}`, "utf8"));
  for (const ordering of orderings) {
    const raw = structuredClone(base);
    raw.liquidators.ordering = ordering;
    hashes[`${file} ${ordering}`] = cascadeHash(raw, file, true);
  }
  const report = runModel(parseScenario(base, file));
  const { timings: _, ...model } = report as unknown as Record<string, unknown>;
  hashes[`${file} runModel+ssf`] = sha(model);
}
const sizes = (process.env.HASH_SIZES ?? "10000,100000").split(",").filter(Boolean).map(Number);
const base = JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8"));
for (const count of sizes)
  for (const ordering of orderings) {
    const raw = structuredClone(base);
    raw.borrowers = ["aave", "compound-usdc"].map((market, k) => ({
      market,
      generator: {
        count: Math.round(count * (k === 0 ? 0.8 : 0.2)),
        collateral: "WETH",
        debt: "USDC",
        healthFactor: { dist: "uniform", min: 1.02, max: 3 },
        collateralUsd: { dist: "lognormal", median: 2000, sigma: 1 },
      },
    }));
    raw.liquidators.capacityPerBlock = 500;
    raw.liquidators.ordering = ordering;
    hashes[`generated-${count} ${ordering}`] = cascadeHash(raw, `generated-${count}`, false);
  }
mkdirSync("out", { recursive: true });
writeFileSync("out/hashes.json", `${JSON.stringify(hashes, null, 2)}\n`);
for (const [k, v] of Object.entries(hashes)) console.log(`${v}  ${k}`);
