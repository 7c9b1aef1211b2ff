import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ChainStartError } from "../errors/ChainStartError.js";

const PLATFORM: Record<string, string> = {
  "linux-x64": "linux-amd64",
  "linux-arm64": "linux-arm64",
  "darwin-x64": "darwin-amd64",
  "darwin-arm64": "darwin-arm64",
  "win32-x64": "win32-amd64",
};

/**
 * Path of the anvil binary shipped by `@foundry-rs/anvil`'s platform package. Started directly (not
 * through the package's Node wrapper) it is ready ~40 ms sooner and signals reach it without a relay.
 *
 * @returns absolute path of the `anvil` executable.
 * @throws {ChainStartError} when no anvil build exists for this platform, or its package was not installed.
 */
export function resolveAnvilBinary(): string {
  const platform = PLATFORM[`${process.platform}-${process.arch}`];
  const packageName = `@foundry-rs/anvil-${platform}`;
  if (!platform)
    throw new ChainStartError(`No anvil build is published for ${process.platform}-${process.arch}.`, {
      metaMessages: ["Use --chain edr (Hardhat's in-process node) on this platform."],
    });
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve(`${packageName}/package.json`);
    return join(dirname(manifest), "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
  } catch (cause) {
    throw new ChainStartError("The anvil binary is not installed.", {
      cause,
      metaMessages: [
        `Expected package: ${packageName}`,
        "Reinstall under Node 22: npx -y -p node@22 -- npm ci",
      ],
      docsPath: "#two-commands",
    });
  }
}
