import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Artifact } from "../chain/loadArtifact.js";
import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";
import { COMET_SOURCE, cometCheckoutDir, dlcmCacheDir } from "./cometSource.js";
import { loadSolc } from "./loadSolc.js";
import { writeCachedBuild } from "./writeCachedBuild.js";

/**
 * The contracts the replica deploys from Comet's build: the market as upstream deploys it (Comet behind a
 * TransparentUpgradeableProxy administered by CometProxyAdmin, its Configurator behind ConfiguratorProxy,
 * new implementations made by CometFactory), and the price feeds for a market priced in its base.
 */
export type CometContract =
  | "Comet"
  | "CometExt"
  | "CometFactory"
  | "CometProxyAdmin"
  | "Configurator"
  | "ConfiguratorProxy"
  | "TransparentUpgradeableProxy"
  | "ConstantPriceFeed"
  | "ReverseMultiplicativePriceFeed";
const CONTRACTS: Readonly<Record<CometContract, string>> = {
  Comet: "contracts/Comet.sol",
  CometExt: "contracts/CometExt.sol",
  CometFactory: "contracts/CometFactory.sol",
  CometProxyAdmin: "contracts/CometProxyAdmin.sol",
  Configurator: "contracts/Configurator.sol",
  ConfiguratorProxy: "contracts/ConfiguratorProxy.sol",
  TransparentUpgradeableProxy: "contracts/vendor/proxy/transparent/TransparentUpgradeableProxy.sol",
  ConstantPriceFeed: "contracts/pricefeeds/ConstantPriceFeed.sol",
  ReverseMultiplicativePriceFeed: "contracts/pricefeeds/ReverseMultiplicativePriceFeed.sol",
};
const NAMES = Object.keys(CONTRACTS) as CometContract[];

/** Where this commit's artifacts live: keyed by commit, compiler and settings, so any change rebuilds. */
export function cometArtifactsDir(): string {
  const key = createHash("sha256")
    .update(
      JSON.stringify({
        commit: COMET_SOURCE.commit,
        compiler: COMET_SOURCE.compiler,
        files: COMET_SOURCE.files,
      }),
    )
    .digest("hex")
    .slice(0, 16);
  return join(dlcmCacheDir(), "artifacts", `comet-${COMET_SOURCE.commit.slice(0, 12)}-${key}`);
}

/** Whether Comet's artifacts for the pinned commit and settings are in the cache. */
export function hasCometArtifacts(): boolean {
  return NAMES.every((c) => existsSync(join(cometArtifactsDir(), `${c}.json`)));
}

/**
 * Compiles the pinned Comet checkout with upstream's settings (solc-js 0.8.15 from the aliased package,
 * via-IR, runs 1, upstream's Yul steps) and writes the artifacts of `CometContract` to the cache. One
 * single-threaded solc job; about 75 s of CPU cold on this machine (Comet is compiled twice: alone and inside
 * CometFactory; docs/MEASURED.md).
 *
 * @param parameters - progress lines.
 * @returns the artifacts' directory and the compile time.
 * @throws {ProtocolSourceError} when the source is not fetched or solc reports errors.
 */
export function compileComet(parameters: { onProgress?: (line: string) => void } = {}): {
  dir: string;
  seconds: number;
} {
  const dir = cometArtifactsDir();
  const root = cometCheckoutDir();
  if (!existsSync(join(root, "contracts", "Comet.sol")))
    throw new ProtocolSourceError("Comet's source is not in the cache.", {
      metaMessages: ["Fetch it: npm run protocols:fetch"],
    });
  parameters.onProgress?.(
    `Comet: compiling with solc ${COMET_SOURCE.compiler.version} (via-IR, one to two minutes) …`,
  );
  const started = performance.now();
  const solc = loadSolc(COMET_SOURCE.compiler);
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(
      COMET_SOURCE.files.map((f) => [f, { content: readFileSync(join(root, f), "utf8") }]),
    ),
    settings: {
      ...COMET_SOURCE.compiler.settings,
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (path) =>
        existsSync(join(root, path))
          ? { contents: readFileSync(join(root, path), "utf8") }
          : { error: `not in the Comet checkout: ${path}` },
    }),
  ) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<
      string,
      Record<
        string,
        { abi: Artifact["abi"]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }
      >
    >;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length)
    throw new ProtocolSourceError(`Compiling Comet failed with ${errors.length} error(s).`, {
      metaMessages: errors.slice(0, 3).map((e) => e.formattedMessage.split("\n")[0]!),
    });
  const artifacts = NAMES.map((name): Artifact => {
    const compiled = output.contracts[CONTRACTS[name]]?.[name];
    if (!compiled) throw new ProtocolSourceError(`solc produced no ${name}.`);
    return {
      contractName: name,
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
      deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
      linkReferences: {},
    };
  });
  const seconds = (performance.now() - started) / 1000;
  writeCachedBuild(dir, artifacts, { ...COMET_SOURCE, solc: solc.version(), seconds });
  parameters.onProgress?.(`Comet: compiled in ${seconds.toFixed(1)} s → ${dir}`);
  return { dir, seconds };
}

/**
 * A cached Comet artifact.
 *
 * @throws {ProtocolSourceError} when it has not been built.
 */
export function loadCometArtifact(name: CometContract): Artifact {
  const file = join(cometArtifactsDir(), `${name}.json`);
  if (!existsSync(file))
    throw new ProtocolSourceError(`Comet's ${name} is not built.`, {
      metaMessages: ["Fetch and compile it: npm run protocols:fetch"],
    });
  return JSON.parse(readFileSync(file, "utf8")) as Artifact;
}
