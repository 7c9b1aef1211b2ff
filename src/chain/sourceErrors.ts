import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Abi, toFunctionSelector } from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;

import { PROTOCOL_SOURCES } from "../build/protocolSources.js";
import { PROJECT_ROOT } from "./loadArtifact.js";

let cached: Abi | undefined;

/**
 * Every custom error declared by the protocols this project builds from source (Aave v3.6's `Errors`
 * library: `HealthFactorNotBelowThreshold()`, `MustNotLeaveDust()`, …), one entry per selector. A revert
 * raised inside a linked library is not in the called contract's ABI; this lets it be decoded by name.
 *
 * @returns the error fragments (empty before the contracts are built).
 */
export function sourceErrors(): Abi {
  if (cached) return cached;
  const bySelector = new Map<string, AbiError>();
  for (const source of PROTOCOL_SOURCES) {
    const root = join(PROJECT_ROOT, "artifacts", source.package);
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".json") || entry.name.endsWith(".dbg.json")) continue;
      const artifact = JSON.parse(readFileSync(join(entry.parentPath, entry.name), "utf8")) as { abi?: Abi };
      for (const item of artifact.abi ?? [])
        if (item.type === "error") bySelector.set(toFunctionSelector(item as never), item);
    }
  }
  cached = [...bySelector.values()];
  return cached;
}
