import type { Rng } from "../model/random/createRng.js";

/** Values a mutation writes: edges of every kind a scenario field can meet. */
const EDGES: unknown[] = [
  0,
  -1,
  1,
  0.5,
  -0.5,
  1e-12,
  1e30,
  -1e30,
  2 ** 53,
  2 ** 31,
  255,
  65_536,
  1e9,
  99.999,
  100,
  10_000,
  20_001,
  "",
  "x",
  "WETH",
  "USDC",
  null,
  true,
  false,
  [],
  {},
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];

/**
 * A random mutation of raw scenario JSON, for fuzzing the parser and the model: one leaf (or an array) is set
 * to an edge value, scaled, deleted, or an array element is duplicated or dropped. Deterministic for a seed.
 *
 * @param raw - scenario JSON (not modified).
 * @param rng - the generator (a seed per run makes the fuzz reproducible).
 * @returns the mutated copy and a description of the mutation (its path and new value).
 * @example const { scenario, mutation } = mutateScenario(raw, createRng(7));
 */
export function mutateScenario(raw: unknown, rng: Rng): { scenario: unknown; mutation: string } {
  const copy = structuredClone(raw);
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(copy, []);
  const path = paths[1 + Math.floor(rng.next() * (paths.length - 1))]!;
  // biome-ignore lint/suspicious/noExplicitAny: walking arbitrary JSON by path
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  const key = path[path.length - 1]!;
  const old = parent[key];
  const r = rng.next();
  let value: unknown;
  if (r < 0.1 && !Array.isArray(parent)) {
    delete parent[key];
    return { scenario: copy, mutation: `${path.join(".")} deleted` };
  }
  if (r < 0.2 && Array.isArray(old) && old.length) {
    if (rng.next() < 0.5) old.push(structuredClone(old[0]));
    else old.pop();
    return { scenario: copy, mutation: `${path.join(".")} resized to ${old.length}` };
  }
  if (r < 0.45 && typeof old === "number")
    value = old * [0, -1, 2, 10, 1000, 1e6, 1e12, 1e-6][Math.floor(rng.next() * 8)]!;
  else value = EDGES[Math.floor(rng.next() * EDGES.length)];
  parent[key] = value;
  return { scenario: copy, mutation: `${path.join(".")} = ${JSON.stringify(value)}` };
}
