import type { PinnedBuild } from "./compilePinnedSource.js";

/**
 * Morpho's MorphoChainlinkOracleV2, the oracle of most mainnet Morpho Blue markets (a collateral's feed over
 * the loan token's, optionally through an ERC-4626 vault's `convertToAssets`), as this project builds it: not
 * on npm, so a pinned git dependency on upstream `morpho-org/morpho-blue-oracles`, fetched into DLCM's cache
 * (`npm run protocols:fetch`), compiled as upstream's foundry.toml builds it (solc 0.8.21 via IR, 999,999
 * runs, paris, no metadata hash). Its submodules are read from packages: `lib/morpho-blue` (IOracle only)
 * from `@morpho-org/morpho-blue` 1.0.0, `lib/openzeppelin-contracts` (Math.mulDiv) from
 * `@openzeppelin/contracts` 5.7. LICENSE: GPL-2.0-or-later.
 */
export const MORPHO_ORACLE_SOURCE = {
  pinned: {
    label: "Morpho oracles",
    repository: "https://github.com/morpho-org/morpho-blue-oracles.git",
    /** "Merge pull request #113", upstream's main branch head when pinned (21 April 2026). */
    commit: "e32d8902f9518365caa53e9eaed3cbd6cb017a63",
    env: "DLCM_MORPHO_ORACLES_SOURCE",
    name: "morpho-blue-oracles",
    marker: "src/morpho-chainlink/MorphoChainlinkOracleV2.sol",
  },
  artifactsPrefix: "morpho-oracles",
  files: ["src/morpho-chainlink/MorphoChainlinkOracleV2.sol"],
  compiler: {
    version: "0.8.21",
    solcPackage: "solc-0.8.21",
    settings: {
      viaIR: true,
      optimizer: { enabled: true, runs: 999999 },
      evmVersion: "paris",
      metadata: { bytecodeHash: "none" },
    },
  },
  remappings: [
    ["lib/morpho-blue/", "@morpho-org/morpho-blue/"],
    ["lib/openzeppelin-contracts/contracts/", "@openzeppelin/contracts/"],
  ],
} as const satisfies PinnedBuild;
