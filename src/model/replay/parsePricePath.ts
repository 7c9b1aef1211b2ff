import { PricePathError } from "../../errors/PricePathError.js";
import type { PathClock, PricePath } from "./types.js";

const CLOCKS: PathClock[] = ["t", "time", "block"];
const SYMBOL = /^[A-Za-z0-9.+-]{1,16}$/;

/** Unix seconds from a number of seconds or an ISO 8601 date-time with a zone (Z or ±hh:mm). */
const readTime = (text: string): number | undefined => {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms / 1000;
};

/**
 * Parses a price-path file for `dlcm replay`. CSV: `#` lines are comments (the sources); the header's first
 * column is the clock — `t` (seconds from start), `time` (ISO 8601 with zone, or unix seconds) or `block`
 * — and every other column an asset symbol with USD prices. JSON: `{ name?, sources?, points: [{ t | time
 * | block, prices: { SYMBOL: price } }] }`. Times must strictly increase and prices be positive; every
 * problem is listed together.
 *
 * @param text - the file's content.
 * @param format - "csv" or "json".
 * @param name - a name for the path (the file name).
 * @returns the path.
 * @throws {PricePathError} listing every problem with its line or field.
 * @example parsePricePath("t,WETH\n0,3000\n900,1800\n", "csv", "linear-40")
 */
export function parsePricePath(text: string, format: "csv" | "json", name: string): PricePath {
  const problems: string[] = [];
  const path: PricePath = { name, sources: [], clock: "t", assets: [], points: [] };
  if (format === "csv") {
    const lines = text.split(/\r?\n/).map((l, i) => ({ n: i + 1, text: l.trim() }));
    const content = lines.filter((l) => l.text !== "" && !l.text.startsWith("#"));
    path.sources = lines.filter((l) => l.text.startsWith("#")).map((l) => l.text.replace(/^#\s?/, ""));
    const header = content.shift();
    if (!header) throw new PricePathError(`${name}: no header line (e.g. "t,WETH").`);
    const [clock, ...assets] = header.text.split(",").map((c) => c.trim());
    if (!CLOCKS.includes(clock as PathClock))
      problems.push(`line ${header.n}: first column must be t, time or block; found "${clock}"`);
    path.clock = clock as PathClock;
    assets.forEach((a) => {
      if (!SYMBOL.test(a)) problems.push(`line ${header.n}: column "${a}" is not a token symbol`);
    });
    if (assets.length === 0) problems.push(`line ${header.n}: no price column after "${clock}"`);
    path.assets = assets;
    for (const line of content) {
      const cells = line.text.split(",").map((c) => c.trim());
      if (cells.length !== assets.length + 1) {
        problems.push(`line ${line.n}: expected ${assets.length + 1} values, found ${cells.length}`);
        continue;
      }
      const at = path.clock === "time" ? readTime(cells[0]!) : Number(cells[0]);
      if (at === undefined || !Number.isFinite(at))
        problems.push(
          `line ${line.n}: ${clock} "${cells[0]}" is not ${clock === "time" ? "an ISO 8601 time with zone or unix seconds" : "a number"}`,
        );
      const prices: Record<string, number> = {};
      assets.forEach((a, k) => {
        const p = Number(cells[k + 1]);
        if (!(p > 0) || !Number.isFinite(p))
          problems.push(`line ${line.n}: ${a} price "${cells[k + 1]}" is not a positive number`);
        prices[a] = p;
      });
      path.points.push({ at: at ?? Number.NaN, prices });
    }
  } else {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new PricePathError(`${name} is not valid JSON.`, { cause });
    }
    const v = value as { name?: unknown; sources?: unknown; points?: unknown };
    if (typeof v !== "object" || v === null || !Array.isArray(v.points))
      throw new PricePathError(
        `${name}: expected an object with "points": [{ "t": 0, "prices": { "WETH": 3000 } }, ...].`,
      );
    if (typeof v.name === "string") path.name = v.name;
    if (Array.isArray(v.sources)) path.sources = v.sources.map(String);
    const assets = new Set<string>();
    v.points.forEach((raw: unknown, i: number) => {
      const p = raw as Record<string, unknown>;
      const clocks = CLOCKS.filter((c) => p?.[c] !== undefined);
      if (clocks.length !== 1) {
        problems.push(
          `points[${i}]: needs exactly one of t, time, block; found ${clocks.join(", ") || "none"}`,
        );
        return;
      }
      const clock = clocks[0]!;
      if (i === 0) path.clock = clock;
      else if (clock !== path.clock)
        problems.push(`points[${i}]: uses ${clock}, points[0] uses ${path.clock}`);
      const at = clock === "time" ? readTime(String(p[clock])) : Number(p[clock]);
      if (at === undefined || !Number.isFinite(at))
        problems.push(`points[${i}].${clock}: "${String(p[clock])}" is not a valid ${clock}`);
      const prices = (p.prices ?? {}) as Record<string, unknown>;
      if (typeof prices !== "object" || Object.keys(prices).length === 0)
        problems.push(`points[${i}].prices: expected { "SYMBOL": price }`);
      const out: Record<string, number> = {};
      for (const [symbol, price] of Object.entries(prices)) {
        assets.add(symbol);
        if (typeof price !== "number" || !(price > 0))
          problems.push(
            `points[${i}].prices.${symbol}: expected a positive number, found ${JSON.stringify(price)}`,
          );
        out[symbol] = Number(price);
      }
      path.points.push({ at: at ?? Number.NaN, prices: out });
    });
    path.assets = [...assets];
    path.points.forEach((p, i) => {
      for (const a of path.assets)
        if (p.prices[a] === undefined)
          problems.push(`points[${i}].prices: no ${a} (every point prices every asset)`);
    });
  }
  if (path.points.length < 2) problems.push(`at least 2 points are needed, found ${path.points.length}`);
  for (let i = 1; i < path.points.length; i++)
    if (!(path.points[i]!.at > path.points[i - 1]!.at))
      problems.push(
        `point ${i + 1}: ${path.clock} must increase (${path.points[i - 1]!.at} then ${path.points[i]!.at})`,
      );
  if (problems.length)
    throw new PricePathError(
      `${name}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the price path.`,
      {
        metaMessages: problems.slice(0, 30).map((p) => `- ${p}`),
        docsPath: "#replays",
      },
    );
  return path;
}
