import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Artifact } from "../chain/loadArtifact.js";

/**
 * Writes a pinned source's build into DLCM's cache all at once: each artifact as `<contractName>.json` and
 * the build's facts as `build.json`, into a temporary directory that then replaces `dir` (a build stopped
 * halfway leaves no half-written artifacts behind).
 *
 * @param dir - the build's directory in the cache.
 * @param artifacts - the contracts' artifacts.
 * @param build - what was built and how (written to build.json).
 */
export function writeCachedBuild(dir: string, artifacts: readonly Artifact[], build: object): void {
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const artifact of artifacts)
    writeFileSync(join(tmp, `${artifact.contractName}.json`), JSON.stringify(artifact));
  writeFileSync(join(tmp, "build.json"), JSON.stringify(build, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}
