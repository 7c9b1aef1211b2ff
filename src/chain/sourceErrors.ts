import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Abi, toFunctionSelector } from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;

import { dlcmCacheDir } from "../build/cometSource.js";
import { aaveV37ArtifactsName, hasAaveV37Artifacts } from "../build/compileAaveV37.js";
import { PROTOCOL_SOURCES } from "../build/protocolSources.js";
import { PROJECT_ROOT } from "./loadArtifact.js";

let cached: { abi: Abi; withV37: boolean } | undefined;

/**
 * Every custom error declared by the protocols this project builds from source (Aave v3.6's `Errors`
 * library, and v3.7's once built: `HealthFactorNotBelowThreshold()`, `MustNotLeaveDust()`, …), one entry per selector. A revert
 * raised inside a linked library is not in the called contract's ABI; this lets it be decoded by name.
 *
 * @returns the error fragments (empty before the contracts are built).
 */
export function sourceErrors(): Abi {
  const withV37 = hasAaveV37Artifacts();
  if (cached?.withV37 === withV37) return cached.abi;
  const bySelector = new Map<string, AbiError>();
  const roots = PROTOCOL_SOURCES.map((source) => join(PROJECT_ROOT, "artifacts", source.package));
  // Aave v3.7, built from its pinned source into the cache (it renamed some errors: UserHasAssetWithZeroLtv).
  if (withV37) roots.push(join(dlcmCacheDir(), "artifacts", aaveV37ArtifactsName()));
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".json") || entry.name.endsWith(".dbg.json")) continue;
      const artifact = JSON.parse(readFileSync(join(entry.parentPath, entry.name), "utf8")) as { abi?: Abi };
      for (const item of artifact.abi ?? [])
        if (item.type === "error") bySelector.set(toFunctionSelector(item as never), item);
    }
  }
  cached = { abi: [...bySelector.values()], withV37 };
  return cached.abi;
}
