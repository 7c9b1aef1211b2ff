import { ModelInputError } from "../../errors/ModelInputError.js";
import { DAO_LEVERS, type DaoLever } from "../scenario/daoSchema.js";
import { parseScenario } from "../scenario/parseScenario.js";
import type { Scenario } from "../scenario/schema.js";

/**
 * Short names users type for the fields sweeps vary most: every oracle's policy, and issue 18's contagion
 * vectors — the (first) bridge, every safety module, every Umbrella stake, every risk steward.
 */
const ALIASES: [prefix: string, expansion: string][] = [
  ["oracle.", "oracles[*].policy."],
  ["bridge.", "bridges[0]."],
  ["safetyModule.", "safetyModules[*]."],
  ["umbrella.", "markets[*].umbrella[*]."],
  ["steward.", "riskStewards[*]."],
];

type Step = { key: string; select?: { all: true } | { index: number } | { id: string } };

const parsePath = (path: string): Step[] =>
  path.split(".").map((segment) => {
    const m = /^([^[\]]+)(?:\[([^\]]+)\])?$/.exec(segment);
    if (!m) throw new ModelInputError(`Parameter path "${path}": cannot read segment "${segment}".`);
    const [, key, sel] = m;
    if (sel === undefined) return { key: key! };
    if (sel === "*") return { key: key!, select: { all: true } };
    if (/^\d+$/.test(sel)) return { key: key!, select: { index: Number(sel) } };
    return { key: key!, select: { id: sel } };
  });

/** Array elements are picked by index, `*`, or by their id / asset / symbol. */
const pick = (array: unknown[], select: NonNullable<Step["select"]>, where: string): unknown[] => {
  if ("all" in select) return array;
  if ("index" in select) {
    const item = array[select.index];
    if (item === undefined)
      throw new ModelInputError(
        `${where}[${select.index}]: the scenario has ${array.length} elements there.`,
      );
    return [item];
  }
  const found = array.filter((item) => {
    const o = item as Record<string, unknown>;
    return o.id === select.id || o.asset === select.id || o.symbol === select.id;
  });
  if (found.length === 0)
    throw new ModelInputError(`${where}[${select.id}]: no element with that id, asset or symbol.`);
  return found;
};

/** The sweep name that switches the DAO's levers: `none`, `all`, a lever, or levers joined by `+`. */
export const DAO_LEVERS_PATH = "dao.levers";

/** The scenario with only the named levers of its DAO policy on. */
function withDaoLevers(scenario: Scenario, value: unknown): Scenario {
  const dao = scenario.dao;
  const present = DAO_LEVERS.filter((l) => dao?.[l]);
  if (!dao || present.length === 0)
    throw new ModelInputError(
      `Parameter path "${DAO_LEVERS_PATH}": the scenario has no DAO policy with levers.`,
      {
        metaMessages: [
          "Give one with --policy FILE (e.g. scenarios/policies/sovereign-risk-dao.json) or a dao section.",
        ],
      },
    );
  const names = String(value).split("+");
  const on = new Set<string>(names.includes("all") ? present : names.filter((n) => n !== "none"));
  for (const n of on)
    if (!present.includes(n as DaoLever))
      throw new ModelInputError(
        `Parameter path "${DAO_LEVERS_PATH}": "${n}" is not a lever of this policy (${["none", "all", ...present].join(", ")}).`,
      );
  const copy = structuredClone(scenario);
  for (const l of present) copy.dao![l]!.enabled = on.has(l);
  return parseScenario(copy, `scenario with ${DAO_LEVERS_PATH} = ${JSON.stringify(value)}`);
}

/**
 * A copy of the scenario with one field set, validated again. Paths are dotted, with `[i]`, `[*]` or
 * `[id]` to pick array elements (`markets[aave].reserves[WETH].liquidationThresholdBps`); `oracle.X`
 * means `policy.X` of every oracle that has it (through `[*]`, elements without the field are skipped),
 * `bridge.X` the first bridge's X, `safetyModule.X`, `umbrella.X` and `steward.X` every safety module's,
 * Umbrella stake's and risk steward's; `dao.levers` (none, all, margins, backstop, mandates, or levers
 * joined by +) switches the DAO policy's levers. The last key may be absent (an optional field): the schema decides.
 *
 * @param scenario - a validated scenario (not mutated).
 * @param path - where to set.
 * @param value - the value.
 * @returns the new validated scenario.
 * @throws {ModelInputError} when the path does not lead anywhere; {ScenarioValidationError} when the value is invalid there.
 * @example setScenarioParam(s, "oracle.latencyBlocks", 5)
 */
export function setScenarioParam(scenario: Scenario, path: string, value: unknown): Scenario {
  if (path === DAO_LEVERS_PATH) return withDaoLevers(scenario, value);
  let expanded = path;
  for (const [prefix, expansion] of ALIASES)
    if (expanded.startsWith(prefix)) expanded = expansion + expanded.slice(prefix.length);
  const steps = parsePath(expanded);
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  let targets: Record<string, unknown>[] = [copy];
  let where = "";
  let wild = false;
  for (const [i, step] of steps.entries()) {
    const last = i === steps.length - 1;
    where = where ? `${where}.${step.key}` : step.key;
    if (last && !step.select) {
      // Through [*], only the elements that have the field get it (oracle.latencyBlocks skips fixed feeds).
      const having = wild ? targets.filter((t) => step.key in t) : targets;
      if (having.length === 0)
        throw new ModelInputError(`Parameter path "${path}": no element selected by [*] has "${step.key}".`, {
          metaMessages: [`Fields there: ${[...new Set(targets.flatMap((t) => Object.keys(t)))].join(", ")}`],
        });
      for (const t of having) t[step.key] = value;
      break;
    }
    if (step.select && "all" in step.select) wild = true;
    const next: Record<string, unknown>[] = [];
    for (const t of targets) {
      const child = t[step.key];
      if ((child === undefined || child === null) && wild) continue;
      if (child === undefined || child === null)
        throw new ModelInputError(`Parameter path "${path}": the scenario has no "${where}".`, {
          metaMessages: [`Fields there: ${Object.keys(t).join(", ")}`],
        });
      if (step.select) {
        if (!Array.isArray(child))
          throw new ModelInputError(`Parameter path "${path}": "${where}" is not a list.`);
        if (last) {
          const picked = new Set(pick(child, step.select, where));
          for (let j = 0; j < child.length; j++) if (picked.has(child[j])) child[j] = value;
        } else next.push(...(pick(child, step.select, where) as Record<string, unknown>[]));
      } else if (typeof child === "object") next.push(child as Record<string, unknown>);
      else throw new ModelInputError(`Parameter path "${path}": "${where}" is a value, not an object.`);
    }
    targets = next;
  }
  if (targets.length === 0) throw new ModelInputError(`Parameter path "${path}": it selects nothing.`);
  return parseScenario(copy, `scenario with ${path} = ${JSON.stringify(value)}`);
}
