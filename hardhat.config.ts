import { createRequire } from "node:module";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import { defineConfig } from "hardhat/config";
import { PROTOCOL_SOURCES, soljsonPath } from "./src/build/protocolSources.js";
import { protocolSourcesPlugin } from "./src/build/protocolSourcesPlugin.js";

const require = createRequire(import.meta.url);
// No network access here: Hardhat cannot download solc, so it uses the solc npm package's
// WASM build. The path must be absolute, and the version must be that package's version.
const solcVersion: string = require("solc/package.json").version;

export default defineConfig({
  plugins: [hardhatViem, hardhatMocha, protocolSourcesPlugin],
  solidity: {
    compilers: [
      {
        version: solcVersion,
        path: require.resolve("solc/soljson.js"),
        settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
      },
    ],
    // Protocols with no bytecode on npm are built from their packages' source with upstream's compiler
    // and settings (src/build/protocolSources.ts): each root file gets that compiler as an override.
    npmFilesToBuild: PROTOCOL_SOURCES.flatMap((s) => s.files.map((f) => `${s.package}/${f}`)),
    overrides: Object.fromEntries(
      PROTOCOL_SOURCES.flatMap((s) =>
        s.files.map((f) => [
          `${s.package}/${f}`,
          { version: s.compiler.version, path: soljsonPath(s), settings: s.compiler.settings },
        ]),
      ),
    ),
  },
  paths: { tests: { mocha: "test" } },
  test: {
    mocha: {
      timeout: 120_000,
      // Every run, a whole suite or one file, stops the chains the shared fixtures started; otherwise a
      // run of a single file would end with its replica's anvil still keeping the process alive.
      rootHooks: {
        afterAll: async () => (await import("./src/testing/replicaFixture.js")).stopReplicas(),
      },
    },
  },
  networks: {
    edr: { type: "edr-simulated", chainType: "l1", hardfork: "cancun" },
  },
});
