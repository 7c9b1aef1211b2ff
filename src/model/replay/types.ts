/** How a price path's points are placed in time. */
export type PathClock = "t" | "time" | "block";

/** A recorded (or reconstructed) price path: one or more assets' USD prices at points in time. */
export type PricePath = {
  name: string;
  /** Where each number comes from (comment lines of a CSV, `sources` of a JSON file). */
  sources: string[];
  clock: PathClock;
  /** Asset symbols with a price column. */
  assets: string[];
  /** `at` is seconds from the start (clock "t"), unix seconds (clock "time", ISO 8601 accepted in files) or a block number. */
  points: { at: number; prices: Record<string, number> }[];
};
