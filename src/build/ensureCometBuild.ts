import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";
import { compileComet, hasCometArtifacts } from "./compileComet.js";
import { fetchCometSource, hasCometSource } from "./fetchCometSource.js";

let failed: string | undefined;

/**
 * Comet's build, on demand: the cached artifacts, else a compile of the cached source, else a fetch (from
 * `DLCM_COMET_SOURCE` or upstream) and a compile. A failure is remembered for the process, so a run without
 * the source tries once and keeps Comet model-only with the reason.
 *
 * @param onProgress - progress lines (the compile takes one to two minutes).
 * @returns whether Comet can be deployed, and why not.
 */
export async function ensureCometBuild(
  onProgress: (line: string) => void = () => {},
): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (hasCometArtifacts()) return { ok: true };
  if (failed) return { ok: false, reason: failed };
  try {
    if (!hasCometSource()) await fetchCometSource({ onProgress });
    compileComet({ onProgress });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof ProtocolSourceError)) throw error;
    failed = `Comet's source is not available (${error.shortMessage.replace(/\.$/, "")}); fetch it with npm run protocols:fetch (or set DLCM_COMET_SOURCE to a checkout or mirror).`;
    return { ok: false, reason: failed };
  }
}
