import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Compound V3 (Comet) as this project builds it: not on npm, so a pinned git dependency on upstream,
 * fetched into a git-ignored cache outside the repository (`npm run protocols:fetch`), compiled with
 * upstream's own settings (hardhat.config.ts at the pinned commit: solc 0.8.15, via-IR, optimizer runs 1
 * with its Yul optimizer steps, the default EVM).
 *
 * LICENSE at this commit: Business Source License 1.1, change date "the earlier of 2025-12-31 or a date
 * specified at v3-change-date.compound-community-licenses.eth", change license GPL-2.0-or-later.
 */
export const COMET_SOURCE = {
  repository: "https://github.com/compound-finance/comet.git",
  /** "Curent Dev (#1127)", upstream's main branch head when pinned (December 2026). */
  commit: "d5a30b0aaeff7755f1431e87f818990902237b03",
  /** Root files compiled (relative to the checkout); their imports are read from the same tree. */
  files: [
    "contracts/Comet.sol",
    "contracts/CometExt.sol",
    "contracts/CometFactory.sol",
    "contracts/CometProxyAdmin.sol",
    "contracts/Configurator.sol",
    "contracts/ConfiguratorProxy.sol",
    "contracts/vendor/proxy/transparent/TransparentUpgradeableProxy.sol",
    "contracts/pricefeeds/ConstantPriceFeed.sol",
    "contracts/pricefeeds/ReverseMultiplicativePriceFeed.sol",
  ],
  compiler: {
    version: "0.8.15",
    solcPackage: "solc-0.8.15",
    settings: {
      viaIR: true,
      optimizer: {
        enabled: true,
        runs: 1,
        details: {
          yulDetails: {
            optimizerSteps:
              "dhfoDgvulfnTUtnIf [xa[r]scLM cCTUtTOntnfDIul Lcul Vcul [j] Tpeul xa[rul] xa[r]cL gvif CTUca[r]LsTOtfDnca[r]Iulc] jmul[jul] VcTOcul jmul",
          },
        },
      },
    },
  },
} as const;

/** The environment variable that points the fetch at a local checkout, a mirror or another git URL. */
export const COMET_SOURCE_ENV = "DLCM_COMET_SOURCE";

/** DLCM's cache directory: `DLCM_CACHE_DIR`, else `$XDG_CACHE_HOME/dlcm`, else `~/.cache/dlcm`. */
export function dlcmCacheDir(): string {
  if (process.env.DLCM_CACHE_DIR) return process.env.DLCM_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "dlcm");
}

/** Where the pinned Comet checkout lives. */
export function cometCheckoutDir(): string {
  return join(dlcmCacheDir(), "sources", `comet-${COMET_SOURCE.commit.slice(0, 12)}`);
}
