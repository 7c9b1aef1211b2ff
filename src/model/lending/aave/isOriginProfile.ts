import type { AaveVersionProfile } from "./types.js";

/**
 * Whether a profile runs aave-v3-origin's code: v3.6 and v3.7 share one model (v3.7's differences are
 * flagged where they are), v3.0 has its own.
 *
 * @param profile - the market's profile.
 * @returns true for v3.6 and v3.7.
 */
export function isOriginProfile(profile: AaveVersionProfile): boolean {
  return profile !== "v3.0";
}
