import { ModelInputError } from "../../errors/ModelInputError.js";

/** One option book in the scenario's `optionBooks[]` form (what `dlcm gex convert` writes). */
export type ScenarioOptionBook = {
  id: string;
  pool: string;
  capitalUsd: number;
  convention: "dealer-long-calls-short-puts";
  vol: { atm: number; skew: number; termSlope: 0; stressBeta: number; realisedWeight: number };
  options: { type: "call" | "put"; strike: number; expiryDays: number; size: number }[];
};

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/**
 * An option book from a venue snapshot in the shape of Deribit's public
 * `get_book_summary_by_currency?kind=option` response (`{ result: [{ instrument_name, open_interest,
 * mark_iv, underlying_price, creation_timestamp }, …] }`): one line per instrument with open interest
 * (`ETH-27DEC24-3000-C`: a call at 3,000 expiring 27 Dec 2024, 08:00 UTC, as Deribit's options do), its
 * size the open interest in the underlying, its expiry in days from the snapshot's time (the items'
 * `creation_timestamp`, ms); the surface's ATM vol and skew fitted by least squares to the marks,
 * σ = atm + skew · ln(K / underlying_price), weighted by open interest. Expired lines are dropped.
 *
 * @param snapshot - the parsed JSON.
 * @param parameters - the book's id, its hedging pool, the market maker's capital and the surface's stress terms.
 * @returns the book, and the snapshot's time and mean underlying price.
 * @throws {ModelInputError} naming the item and field that is missing or wrong.
 */
export function fromDeribitBookSummary(
  snapshot: unknown,
  parameters: { id: string; pool: string; capitalUsd: number; stressBeta?: number; realisedWeight?: number },
): { book: ScenarioOptionBook; snapshotMs: number; underlyingPrice: number } {
  const result = (snapshot as { result?: unknown })?.result;
  if (!Array.isArray(result) || result.length === 0)
    throw new ModelInputError(
      "Deribit snapshot: expected { result: [ … ] } with at least one instrument (get_book_summary_by_currency's response).",
    );
  const items = result.map((raw, i) => readItem(raw, i));
  const snapshotMs = Math.max(...items.map((x) => x.createdMs));
  const options: ScenarioOptionBook["options"] = [];
  const fit: { x: number; y: number; w: number }[] = [];
  for (const item of items) {
    const expiryDays = (item.expiryMs - snapshotMs) / 86_400_000;
    if (item.openInterest <= 0 || expiryDays <= 0) continue;
    options.push({ type: item.type, strike: item.strike, expiryDays, size: item.openInterest });
    fit.push({ x: Math.log(item.strike / item.underlyingPrice), y: item.markIv / 100, w: item.openInterest });
  }
  if (options.length === 0)
    throw new ModelInputError("Deribit snapshot: no unexpired instrument with open interest above 0.");
  const { intercept, slope } = weightedLine(fit);
  const underlyingPrice = items.reduce((s, x) => s + x.underlyingPrice, 0) / items.length;
  return {
    book: {
      id: parameters.id,
      pool: parameters.pool,
      capitalUsd: parameters.capitalUsd,
      convention: "dealer-long-calls-short-puts",
      vol: {
        atm: Math.max(0.01, intercept),
        skew: slope,
        termSlope: 0,
        stressBeta: parameters.stressBeta ?? 1,
        realisedWeight: parameters.realisedWeight ?? 0.01,
      },
      options,
    },
    snapshotMs,
    underlyingPrice,
  };
}

function readItem(raw: unknown, i: number) {
  const o = raw as Record<string, unknown>;
  const where = `Deribit snapshot result[${i}]`;
  const name = o?.instrument_name;
  const m =
    typeof name === "string" ? /^[A-Z]+-(\d{1,2})([A-Z]{3})(\d{2})-(\d+(?:d\d+)?)-([CP])$/.exec(name) : null;
  if (!m || !MONTHS.includes(m[2]!))
    throw new ModelInputError(
      `${where}.instrument_name: expected an option like "ETH-27DEC24-3000-C", got ${JSON.stringify(name)}.`,
    );
  const number = (field: string) => {
    const v = o[field];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new ModelInputError(`${where}.${field}: expected a number, got ${JSON.stringify(v)}.`);
    return v;
  };
  const [, day, month, year, strike, kind] = m;
  return {
    type: kind === "C" ? ("call" as const) : ("put" as const),
    strike: Number(strike!.replace("d", ".")),
    expiryMs: Date.UTC(2000 + Number(year), MONTHS.indexOf(month!), Number(day), 8),
    openInterest: number("open_interest"),
    markIv: number("mark_iv"),
    underlyingPrice: number("underlying_price"),
    createdMs: number("creation_timestamp"),
  };
}

/** The weighted least-squares line y = intercept + slope·x (slope 0 when every x is the same). */
function weightedLine(points: readonly { x: number; y: number; w: number }[]): {
  intercept: number;
  slope: number;
} {
  const W = points.reduce((s, p) => s + p.w, 0);
  const mx = points.reduce((s, p) => s + p.w * p.x, 0) / W;
  const my = points.reduce((s, p) => s + p.w * p.y, 0) / W;
  const sxx = points.reduce((s, p) => s + p.w * (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + p.w * (p.x - mx) * (p.y - my), 0);
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}
