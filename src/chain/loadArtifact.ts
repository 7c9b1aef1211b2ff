import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";
import { dlcmCacheDir } from "../build/cometSource.js";
import { DeploymentError } from "../errors/DeploymentError.js";

/** A Hardhat artifact: ABI, creation and runtime bytecode, and where library addresses go. */
export type Artifact = {
  contractName: string;
  abi: Abi;
  bytecode: Hex;
  /** Runtime code (what anvil_setCode puts in place); valid as-is only for contracts without immutables or libraries. */
  deployedBytecode: Hex;
  linkReferences: Record<string, Record<string, { start: number; length: number }[]>>;
};

/** The project root (two levels above src/chain/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const require = createRequire(import.meta.url);
const cache = new Map<string, Artifact>();

/**
 * Loads a contract artifact: from an npm package (`"@aave/core-v3:protocol/pool/Pool.sol/Pool"`, path under
 * the package's `artifacts/contracts/`; `"@uniswap/v2-core:build/UniswapV2Factory"`, a Waffle build file), from a
 * package this project compiles from source (`"source:@aave-dao/aave-v3-origin/src/contracts/…/PoolInstance"`),
 * from a pinned git source compiled into DLCM's cache (`"cache:<build>/PoolInstance"`),
 * or from this project's compiled `contracts/` (`"aave/CascadeLiquidator"`).
 * Protocol bytecode therefore is exactly what the protocols published.
 *
 * @param id - `package:path` or a project contract path without `.sol`.
 * @returns the parsed artifact (cached).
 * @throws {DeploymentError} when the artifact is missing (for project contracts: not compiled yet).
 * @example loadArtifact("@uniswap/v3-core:UniswapV3Factory.sol/UniswapV3Factory")
 */
export function loadArtifact(id: string): Artifact {
  const cached = cache.get(id);
  if (cached) return cached;
  let file: string;
  const colon = id.indexOf(":");
  if (id.startsWith("source:")) {
    // Built by this project from a package's Solidity source (src/build/protocolSources.ts).
    file = join(PROJECT_ROOT, "artifacts", `${id.slice("source:".length)}.json`);
  } else if (id.startsWith("cache:")) {
    // Built by this project from a pinned git source into DLCM's cache (src/build/compileAaveV37.ts).
    file = join(dlcmCacheDir(), "artifacts", `${id.slice("cache:".length)}.json`);
  } else if (colon > 0) {
    const pkg = id.slice(0, colon);
    const path = id.slice(colon + 1);
    try {
      // Hardhat artifacts live under artifacts/contracts/; Uniswap v2-core ships Waffle's build/ instead.
      const root = dirname(require.resolve(`${pkg}/package.json`));
      file = path.startsWith("build/")
        ? join(root, `${path}.json`)
        : join(root, "artifacts", "contracts", `${path}.json`);
    } catch (cause) {
      throw new DeploymentError(`Package ${pkg} is not installed.`, {
        cause,
        metaMessages: ["Run: npx -y -p node@22 -- npm ci"],
      });
    }
  } else {
    const name = id.split("/").at(-1)!;
    file = join(PROJECT_ROOT, "artifacts", "contracts", `${id}.sol`, `${name}.json`);
  }
  if (!existsSync(file))
    throw new DeploymentError(`Artifact ${id} not found.`, {
      metaMessages: [
        `Looked in: ${file}`,
        id.startsWith("cache:")
          ? "Fetch and compile the pinned protocol sources: npm run protocols:fetch"
          : colon > 0 && !id.startsWith("source:")
            ? "Reinstall dependencies."
            : "Compile the project's contracts: npm run build:contracts",
      ],
    });
  const raw = JSON.parse(readFileSync(file, "utf8"));
  const artifact: Artifact = raw.evm
    ? {
        contractName: id.split("/").at(-1)!,
        abi: raw.abi,
        bytecode: `0x${raw.evm.bytecode.object}`,
        deployedBytecode: `0x${raw.evm.deployedBytecode.object}`,
        linkReferences: {},
      }
    : raw;
  cache.set(id, artifact);
  return artifact;
}
