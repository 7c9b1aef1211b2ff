import { AAVE_V37_SOURCE } from "./aaveV37Source.js";
import { compilePinnedSource, hasPinnedArtifacts, pinnedArtifactsName } from "./compilePinnedSource.js";

/** The artifacts' directory name under the cache's `artifacts/`: keyed by commit, compiler and files. */
export function aaveV37ArtifactsName(): string {
  return pinnedArtifactsName(AAVE_V37_SOURCE);
}

/** Whether v3.7's artifacts are in the cache. */
export function hasAaveV37Artifacts(): boolean {
  return hasPinnedArtifacts(AAVE_V37_SOURCE);
}

/**
 * Compiles the pinned v3.7 checkout with upstream's settings (solc-js 0.8.27 from the aliased package) into
 * the cache, where `loadArtifact("cache:<name>/PoolInstance")` finds it (about 20 s).
 *
 * @throws {ProtocolSourceError} when the source is not fetched or solc reports errors.
 */
export function compileAaveV37(parameters: { onProgress?: (line: string) => void } = {}): {
  dir: string;
  seconds: number;
} {
  return compilePinnedSource(AAVE_V37_SOURCE, parameters);
}
