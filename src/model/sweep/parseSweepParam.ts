import { ModelInputError } from "../../errors/ModelInputError.js";

/** One swept parameter: a path into the scenario and the values it takes. */
export type SweepParam = { path: string; values: (number | string | boolean)[] };

const parseValue = (text: string): number | string | boolean => {
  if (text === "true") return true;
  if (text === "false") return false;
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
};

/** `from:to:step` as its values (to included when the steps land on it), rounded to 1e-9. */
function parseRange(text: string, spec: string): number[] | undefined {
  const parts = text.split(":");
  if (parts.length !== 3) return undefined;
  const [from, to, step] = parts.map((p) => Number(p.trim())) as [number, number, number];
  if (![from, to, step].every(Number.isFinite) || !(step > 0) || to < from)
    throw new ModelInputError(`--param "${spec}": a range is from:to:step with step > 0 and to ≥ from.`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > 10_000) throw new ModelInputError(`--param "${spec}": ${count} values; at most 10,000.`);
  return Array.from({ length: count }, (_, k) => Math.round((from + k * step) * 1e9) / 1e9);
}

/**
 * Parses a `--param` argument: `path=v1,v2,...` or `path=from:to:step`. Values are numbers, true/false,
 * or strings.
 *
 * @param spec - e.g. "oracle.latencyBlocks=0,1,2,5,10" or "shock.depth=0.3:0.9:0.05".
 * @returns the path and its values, in order.
 * @throws {ModelInputError} naming what is missing.
 * @example parseSweepParam("shock.dropPct=20,30,40") // { path: "shock.dropPct", values: [20, 30, 40] }
 */
export function parseSweepParam(spec: string): SweepParam {
  const eq = spec.indexOf("=");
  const path = eq < 0 ? "" : spec.slice(0, eq).trim();
  const list = eq < 0 ? "" : spec.slice(eq + 1);
  const range = parseRange(list, spec);
  const values =
    range ??
    list
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "")
      .map(parseValue);
  if (!path || values.length === 0)
    throw new ModelInputError(`--param "${spec}": expected path=value1,value2,...`, {
      metaMessages: [
        'For example: --param oracle.latencyBlocks=0,1,2,5,10, --param "shock.dropPct=20,30,40" or --param shock.dropPct=20:60:5',
      ],
    });
  return { path, values };
}
