import type { PinnedBuild } from "./compilePinnedSource.js";
import { MORPHO_BLUE_SOURCE } from "./protocolSources.js";

/**
 * Morpho's AdaptiveCurveIrm, the rate model of mainnet's Morpho Blue markets, as this project builds it: not on
 * npm, so a pinned git dependency on upstream `morpho-org/morpho-blue-irm`, fetched into DLCM's cache (`npm run
 * protocols:fetch`), compiled as upstream's foundry.toml builds it (solc 0.8.19 via IR, 999,999 runs, paris, no
 * metadata hash: Morpho Blue's own settings). Its `lib/morpho-blue` submodule (commit cf3f0ce) is read from the
 * `@morpho-org/morpho-blue` 1.0.0 package: the four files it imports are the same code (IMorpho.sol differs in
 * comments only). LICENSE: MIT.
 */
export const MORPHO_IRM_SOURCE = {
  pinned: {
    label: "Morpho AdaptiveCurveIrm",
    repository: "https://github.com/morpho-org/morpho-blue-irm.git",
    /** "Merge pull request #151", upstream's main branch head when pinned (21 April 2026). */
    commit: "a1a87fd5a7ee13873ea9d2bbd87e9c7b2cdbbef3",
    env: "DLCM_MORPHO_IRM_SOURCE",
    name: "morpho-blue-irm",
    marker: "src/adaptive-curve-irm/AdaptiveCurveIrm.sol",
  },
  artifactsPrefix: "morpho-irm",
  files: ["src/adaptive-curve-irm/AdaptiveCurveIrm.sol"],
  compiler: MORPHO_BLUE_SOURCE.compiler,
  remappings: [["lib/morpho-blue/", "@morpho-org/morpho-blue/"]],
} as const satisfies PinnedBuild;
