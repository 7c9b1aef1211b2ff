import type { PinnedBuild } from "./compilePinnedSource.js";
import type { PinnedSource } from "./fetchPinnedSource.js";
import { AAVE_V36_FILES, AAVE_V36_SOURCE } from "./protocolSources.js";

/**
 * Aave v3.7 as this project builds it: not on npm yet (the package stops at 3.6.0), so a pinned git
 * dependency on upstream `aave-dao/aave-v3-origin`, fetched into DLCM's cache (`npm run protocols:fetch`),
 * compiled as upstream's foundry.toml builds it (solc 0.8.27, optimizer 200 runs, shanghai, no metadata
 * hash), its `openzeppelin-contracts/contracts/` imports on `@openzeppelin/contracts` as for v3.6.
 * LICENSE: BUSL-1.1 (as v3.6's package).
 */
export const AAVE_V37_SOURCE = {
  pinned: {
    label: "Aave v3.7",
    repository: "https://github.com/aave-dao/aave-v3-origin.git",
    /** "feat : v3.7.0 (#183)", the release merge on upstream's main (1 June 2026). */
    commit: "4fbd744239fd6682ebad2412f094f5f95abc6393",
    env: "DLCM_AAVE_V37_SOURCE",
    name: "aave-v3-origin",
    marker: "src/contracts/instances/PoolInstance.sol",
  } satisfies PinnedSource,
  artifactsPrefix: "aave-v3.7",
  /** Root files (relative to the checkout): v3.6's, less ConfiguratorLogic (an internal library from v3.7 on). */
  files: AAVE_V36_FILES.filter((f) => !f.endsWith("/ConfiguratorLogic.sol")),
  /** Upstream's foundry.toml did not change from v3.6: the same compiler and settings. */
  compiler: AAVE_V36_SOURCE.compiler,
  /** Import prefixes upstream resolves through git submodules, and where they are here. */
  remappings: [["openzeppelin-contracts/contracts/", "@openzeppelin/contracts/"]] as const,
} as const satisfies PinnedBuild;
