import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";
import { AAVE_V37_SOURCE } from "./aaveV37Source.js";
import { compileAaveV37, hasAaveV37Artifacts } from "./compileAaveV37.js";
import { fetchPinnedSource, hasPinnedSource } from "./fetchPinnedSource.js";

/**
 * Aave v3.7's build, on demand: the cached artifacts, else a compile of the cached source, else a fetch
 * (from `DLCM_AAVE_V37_SOURCE` or upstream) and a compile.
 *
 * @param onProgress - progress lines (the compile takes about 20 s).
 * @throws {ProtocolSourceError} naming the fix when the source cannot be had.
 */
export async function ensureAaveV37Build(onProgress: (line: string) => void = () => {}): Promise<void> {
  if (hasAaveV37Artifacts()) return;
  try {
    if (!hasPinnedSource(AAVE_V37_SOURCE.pinned))
      await fetchPinnedSource(AAVE_V37_SOURCE.pinned, { onProgress });
    compileAaveV37({ onProgress });
  } catch (error) {
    if (!(error instanceof ProtocolSourceError)) throw error;
    throw new ProtocolSourceError(
      `Aave v3.7's source is not available (${error.shortMessage.replace(/\.$/, "")}): fetch it with npm run protocols:fetch, set DLCM_AAVE_V37_SOURCE to a checkout or mirror of aave-dao/aave-v3-origin, or use profile "v3.6".`,
      { cause: error },
    );
  }
}
