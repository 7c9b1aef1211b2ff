import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Artifact } from "../chain/loadArtifact.js";
import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";
import { AAVE_V37_SOURCE } from "./aaveV37Source.js";
import { dlcmCacheDir } from "./cometSource.js";
import { pinnedCheckoutDir } from "./fetchPinnedSource.js";
import { loadSolc } from "./loadSolc.js";
import { writeCachedBuild } from "./writeCachedBuild.js";

const require = createRequire(import.meta.url);

/** The artifacts' directory name under the cache's `artifacts/`: keyed by commit, compiler and files. */
export function aaveV37ArtifactsName(): string {
  const { pinned, compiler, files } = AAVE_V37_SOURCE;
  const key = createHash("sha256")
    .update(JSON.stringify({ commit: pinned.commit, compiler, files }))
    .digest("hex");
  return `aave-v3.7-${pinned.commit.slice(0, 12)}-${key.slice(0, 16)}`;
}

/** Whether v3.7's artifacts are in the cache. */
export function hasAaveV37Artifacts(): boolean {
  return existsSync(join(dlcmCacheDir(), "artifacts", aaveV37ArtifactsName(), "build.json"));
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
 * Compiles the pinned v3.7 checkout with upstream's settings (solc-js 0.8.27 from the aliased package) and
 * writes one artifact per contract of the root files (linkReferences kept: the Pool links its logic
 * libraries) to the cache, where `loadArtifact("cache:<name>/PoolInstance")` finds them.
 *
 * @param parameters - progress lines.
 * @returns the artifacts' directory and the compile time.
 * @throws {ProtocolSourceError} when the source is not fetched or solc reports errors.
 */
export function compileAaveV37(parameters: { onProgress?: (line: string) => void } = {}): {
  dir: string;
  seconds: number;
} {
  const { compiler, files, remappings } = AAVE_V37_SOURCE;
  const root = pinnedCheckoutDir(AAVE_V37_SOURCE.pinned);
  if (!existsSync(join(root, AAVE_V37_SOURCE.pinned.marker)))
    throw new ProtocolSourceError("Aave v3.7's source is not in the cache.", {
      metaMessages: ["Fetch it: npm run protocols:fetch"],
    });
  const dir = join(dlcmCacheDir(), "artifacts", aaveV37ArtifactsName());
  parameters.onProgress?.(`Aave v3.7: compiling with solc ${compiler.version} (about half a minute) …`);
  const started = performance.now();
  const solc = loadSolc(compiler);
  const openZeppelin = dirname(require.resolve("@openzeppelin/contracts/package.json"));
  const resolveImport = (path: string): string => {
    for (const [prefix, target] of remappings)
      if (path.startsWith(prefix)) return join(openZeppelin, "..", "..", target, path.slice(prefix.length));
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
    throw new ProtocolSourceError(`Compiling Aave v3.7 failed with ${errors.length} error(s).`, {
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
  writeCachedBuild(dir, artifacts, { ...AAVE_V37_SOURCE, solc: solc.version(), seconds });
  parameters.onProgress?.(`Aave v3.7: compiled in ${seconds.toFixed(1)} s → ${dir}`);
  return { dir, seconds };
}
