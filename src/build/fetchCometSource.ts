import { COMET_SOURCE, COMET_SOURCE_ENV } from "./cometSource.js";
import {
  fetchPinnedSource,
  hasPinnedSource,
  type PinnedSource,
  pinnedSourceOrigin,
} from "./fetchPinnedSource.js";

/** Comet as a pinned git source (its checkout: cometCheckoutDir). */
export const COMET_PINNED: PinnedSource = {
  label: "Comet",
  repository: COMET_SOURCE.repository,
  commit: COMET_SOURCE.commit,
  env: COMET_SOURCE_ENV,
  name: "comet",
  marker: "contracts/Comet.sol",
};

/** Where the fetch clones Comet from: `DLCM_COMET_SOURCE` (a checkout, mirror or URL) or upstream. */
export function cometSourceOrigin(env: NodeJS.ProcessEnv = process.env): { from: string; shown: string } {
  return pinnedSourceOrigin(COMET_PINNED, env);
}

/** Whether the pinned Comet checkout is in the cache. */
export function hasCometSource(): boolean {
  return hasPinnedSource(COMET_PINNED);
}

/**
 * Makes sure the cache holds compound-finance/comet at the pinned commit (fetchPinnedSource).
 *
 * @param parameters - progress lines.
 * @returns the checkout's directory.
 * @throws {ProtocolSourceError} when git is missing, the clone fails, or the commit is not there.
 */
export async function fetchCometSource(
  parameters: { onProgress?: (line: string) => void } = {},
): Promise<string> {
  return await fetchPinnedSource(COMET_PINNED, parameters);
}
