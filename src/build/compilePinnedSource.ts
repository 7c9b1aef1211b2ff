import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Artifact } from "../chain/loadArtifact.js";
import { PROJECT_ROOT } from "../chain/loadArtifact.js";
import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";
import { dlcmCacheDir } from "./cometSource.js";
import { type PinnedSource, pinnedCheckoutDir } from "./fetchPinnedSource.js";
import { loadSolc } from "./loadSolc.js";
import { writeCachedBuild } from "./writeCachedBuild.js";

/** A pinned git source as it is compiled: which root files, with which compiler, and where its submodule imports are here. */
export type PinnedBuild = {
  pinned: PinnedSource;
  /** The artifacts directory's name prefix in the cache (commit and a key of the build follow). */
  artifactsPrefix: string;
  /** Root files, relative to the checkout. */
  files: readonly string[];
  compiler: { version: string; solcPackage: string; settings: Record<string, unknown> };
  /** Import prefixes upstream resolves through git submodules, and the npm package path that holds them here. */
  remappings: readonly (readonly [string, string])[];
};

/** The artifacts' directory name under the cache's `artifacts/`: keyed by commit, compiler and files. */
export function pinnedArtifactsName(build: PinnedBuild): string {
  const { pinned, compiler, files } = build;
  const key = createHash("sha256")
    .update(JSON.stringify({ commit: pinned.commit, compiler, files }))
    .digest("hex");
  return `${build.artifactsPrefix}-${pinned.commit.slice(0, 12)}-${key.slice(0, 16)}`;
}

/** Whether a pinned build's artifacts are in the cache. */
export function hasPinnedArtifacts(build: PinnedBuild): boolean {
  return existsSync(join(dlcmCacheDir(), "artifacts", pinnedArtifactsName(build), "build.json"));
}

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<
      string,
      {
        abi: Artifact["abi"];
        evm: {
          bytecode: { object: string; linkReferences: Artifact["linkReferences"] };
          deployedBytecode: { object: string };
        };
      }
    >
  >;
};

/**
 * Compiles a pinned checkout with upstream's settings (solc-js from the aliased package) and writes one
 * artifact per contract with bytecode (linkReferences kept) to the cache, where
 * `loadArtifact("cache:<name>/<Contract>")` finds them.
 *
 * @param build - the source and how upstream builds it.
 * @param parameters - progress lines.
 * @returns the artifacts' directory and the compile time.
 * @throws {ProtocolSourceError} when the source is not fetched or solc reports errors.
 */
export function compilePinnedSource(
  build: PinnedBuild,
  parameters: { onProgress?: (line: string) => void } = {},
): { dir: string; seconds: number } {
  const { pinned, compiler, files, remappings } = build;
  const root = pinnedCheckoutDir(pinned);
  if (!existsSync(join(root, pinned.marker)))
    throw new ProtocolSourceError(`${pinned.label}'s source is not in the cache.`, {
      metaMessages: ["Fetch it: npm run protocols:fetch"],
    });
  const dir = join(dlcmCacheDir(), "artifacts", pinnedArtifactsName(build));
  parameters.onProgress?.(`${pinned.label}: compiling with solc ${compiler.version} …`);
  const started = performance.now();
  const solc = loadSolc(compiler);
  const resolveImport = (path: string): string => {
    for (const [prefix, target] of remappings)
      if (path.startsWith(prefix))
        return join(PROJECT_ROOT, "node_modules", target, path.slice(prefix.length));
    return join(root, path);
  };
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(files.map((f) => [f, { content: readFileSync(join(root, f), "utf8") }])),
    settings: {
      ...compiler.settings,
      outputSelection: {
        "*": {
          "*": ["abi", "evm.bytecode.object", "evm.bytecode.linkReferences", "evm.deployedBytecode.object"],
        },
      },
    },
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (path) => {
        const file = resolveImport(path);
        return existsSync(file) ? { contents: readFileSync(file, "utf8") } : { error: `not found: ${path}` };
      },
    }),
  ) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length)
    throw new ProtocolSourceError(`Compiling ${pinned.label} failed with ${errors.length} error(s).`, {
      metaMessages: errors.slice(0, 3).map((e) => e.formattedMessage.split("\n")[0]!),
    });
  const artifacts: (Artifact & { sourceName: string })[] = [];
  for (const [sourceName, contracts] of Object.entries(output.contracts))
    for (const [name, compiled] of Object.entries(contracts))
      if (compiled.evm.bytecode.object)
        artifacts.push({
          contractName: name,
          sourceName,
          abi: compiled.abi,
          bytecode: `0x${compiled.evm.bytecode.object}`,
          deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
          linkReferences: compiled.evm.bytecode.linkReferences,
        });
  const seconds = (performance.now() - started) / 1000;
  writeCachedBuild(dir, artifacts, { ...build, solc: solc.version(), seconds });
  parameters.onProgress?.(`${pinned.label}: compiled in ${seconds.toFixed(1)} s → ${dir}`);
  return { dir, seconds };
}
