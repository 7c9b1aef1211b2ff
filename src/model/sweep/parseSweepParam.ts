import { ModelInputError } from "../../errors/ModelInputError.js";

/** One swept parameter: a path into the scenario and the values it takes. */
export type SweepParam = { path: string; values: (number | string | boolean)[] };

const parseValue = (text: string): number | string | boolean => {
  if (text === "true") return true;
  if (text === "false") return false;
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
};

/**
 * Parses a `--param` argument: `path=v1,v2,...`. Values are numbers, true/false, or strings.
 *
 * @param spec - e.g. "oracle.latencyBlocks=0,1,2,5,10".
 * @returns the path and its values, in order.
 * @throws {ModelInputError} naming what is missing.
 * @example parseSweepParam("shock.dropPct=20,30,40") // { path: "shock.dropPct", values: [20, 30, 40] }
 */
export function parseSweepParam(spec: string): SweepParam {
  const eq = spec.indexOf("=");
  const path = eq < 0 ? "" : spec.slice(0, eq).trim();
  const list = eq < 0 ? "" : spec.slice(eq + 1);
  const values = list
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "")
    .map(parseValue);
  if (!path || values.length === 0)
    throw new ModelInputError(`--param "${spec}": expected path=value1,value2,...`, {
      metaMessages: [
        'For example: --param oracle.latencyBlocks=0,1,2,5,10 or --param "shock.dropPct=20,30,40"',
      ],
    });
  return { path, values };
}
