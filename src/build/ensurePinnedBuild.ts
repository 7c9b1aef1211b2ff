import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";
import { compilePinnedSource, hasPinnedArtifacts, type PinnedBuild } from "./compilePinnedSource.js";
import { fetchPinnedSource, hasPinnedSource } from "./fetchPinnedSource.js";

const failed = new Map<string, string>();

/**
 * A pinned source's build, on demand: the cached artifacts, else a compile of the cached source, else a fetch
 * (from the source's environment variable or upstream) and a compile. A failure is remembered for the
 * process, so a run without the source tries once and keeps its markets model-only with the reason.
 *
 * @returns whether the build is there, and why not.
 */
export async function ensurePinnedBuild(
  build: PinnedBuild,
  onProgress: (line: string) => void = () => {},
): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (hasPinnedArtifacts(build)) return { ok: true };
  const known = failed.get(build.pinned.label);
  if (known) return { ok: false, reason: known };
  try {
    if (!hasPinnedSource(build.pinned)) await fetchPinnedSource(build.pinned, { onProgress });
    compilePinnedSource(build, { onProgress });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof ProtocolSourceError)) throw error;
    const reason = `${build.pinned.label}'s source is not available (${error.shortMessage.replace(/\.$/, "")}); fetch it with npm run protocols:fetch (or set ${build.pinned.env} to a checkout or mirror).`;
    failed.set(build.pinned.label, reason);
    return { ok: false, reason };
  }
}
