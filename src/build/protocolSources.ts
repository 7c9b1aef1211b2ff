import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Protocol code that the replica compiles from its published Solidity source (no bytecode on npm), with the
 * compiler and settings upstream builds it with, so the bytecode is what mainnet runs (up to metadata).
 * Read by hardhat.config.ts: each file is a Hardhat `npmFilesToBuild` root, compiled with `compiler`.
 */
export type ProtocolSource = {
  /** npm package whose sources are built. */
  package: string;
  /** solc version (an exact, aliased `solc` npm package) and its settings, as upstream's build uses them. */
  compiler: { version: string; solcPackage: string; settings: Record<string, unknown> };
  /** Remappings the package's own imports need and that it does not ship, as `prefix=node_modules/target/`. */
  remappings: string[];
  /** Root files, relative to the package. */
  files: string[];
  /** Packages the source imports whose own imports need remappings they do not ship either. */
  dependencyRemappings?: Record<string, string[]>;
};

/** The v3.6 package's root files (src/contracts/…); v3.7 builds the same less ConfiguratorLogic. */
export const AAVE_V36_FILES = [
  "protocol/configuration/PoolAddressesProvider.sol",
  "protocol/configuration/ACLManager.sol",
  "instances/PoolInstance.sol",
  "instances/PoolConfiguratorInstance.sol",
  "instances/ATokenInstance.sol",
  "instances/VariableDebtTokenInstance.sol",
  "misc/AaveOracle.sol",
  "misc/DefaultReserveInterestRateStrategyV2.sol",
  "helpers/AaveProtocolDataProvider.sol",
  "protocol/libraries/logic/BorrowLogic.sol",
  "protocol/libraries/logic/SupplyLogic.sol",
  "protocol/libraries/logic/LiquidationLogic.sol",
  "protocol/libraries/logic/PoolLogic.sol",
  "protocol/libraries/logic/FlashLoanLogic.sol",
  "protocol/libraries/logic/ConfiguratorLogic.sol",
].map((f) => `src/contracts/${f}`);

/**
 * The static aToken (StataTokenV2, mainnet's waEth… wrappers: an ERC-4626 over an aToken, priced by the
 * reserve's normalised income), the RewardsController its constructor needs, and the admin proxy it is
 * initialised behind (its constructor disables initialisers). v3.6's package only: nested collateral.
 */
export const AAVE_V36_STATA_FILES = [
  "extensions/stata-token/StataTokenV2.sol",
  "rewards/RewardsController.sol",
  "dependencies/openzeppelin/upgradeability/InitializableAdminUpgradeabilityProxy.sol",
].map((f) => `src/contracts/${f}`);

/**
 * Aave v3.6 (`@aave-dao/aave-v3-origin` 3.6.0): upstream's foundry.toml builds it with solc 0.8.27,
 * optimizer 200 runs, EVM shanghai, no metadata hash. Its OpenZeppelin imports are written
 * `openzeppelin-contracts/contracts/…` (a git submodule upstream); here they map to `@openzeppelin/contracts`
 * 5.x (the package's protocol core uses only SafeCast, Address, ECDSA, SafeERC20 and ERC20 interfaces).
 */
export const AAVE_V36_SOURCE: ProtocolSource = {
  package: "@aave-dao/aave-v3-origin",
  compiler: {
    version: "0.8.27",
    solcPackage: "solc-0.8.27",
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "shanghai",
      metadata: { bytecodeHash: "none" },
    },
  },
  remappings: [
    "openzeppelin-contracts/contracts/=node_modules/@openzeppelin/contracts/",
    "openzeppelin-contracts-upgradeable/contracts/=node_modules/@openzeppelin/contracts-upgradeable/",
    "solidity-utils/contracts/=node_modules/@bgd-labs/solidity-utils/src/contracts/",
  ],
  files: AAVE_V36_FILES,
  dependencyRemappings: {
    "@bgd-labs/solidity-utils": ["openzeppelin-contracts/contracts/=node_modules/@openzeppelin/contracts/"],
  },
};

/**
 * The static aToken's build: v3.6's compiler and settings but EVM cancun. Upstream resolves its
 * OpenZeppelin imports through solidity-utils' submodules (5.1-era, no `mcopy`); here they are
 * `@openzeppelin/contracts(-upgradeable)` 5.7.0, whose Bytes library (under ERC20Permit's EIP712) emits
 * `mcopy`, a Cancun instruction. The chains DLCM runs are Cancun; the code is upstream's.
 */
export const AAVE_V36_STATA_SOURCE: ProtocolSource = {
  ...AAVE_V36_SOURCE,
  compiler: {
    ...AAVE_V36_SOURCE.compiler,
    settings: { ...AAVE_V36_SOURCE.compiler.settings, evmVersion: "cancun" },
  },
  files: AAVE_V36_STATA_FILES,
};

/**
 * Morpho Blue (`@morpho-org/morpho-blue` 1.0.0, the code deployed on mainnet at 0xBBBB…FFCb): upstream's
 * foundry.toml builds it with solc 0.8.19 via IR, 999,999 optimizer runs, EVM paris, no metadata hash. The
 * package's IrmMock and OracleMock are built beside it (the replica's rate model and settable oracle).
 */
export const MORPHO_BLUE_SOURCE: ProtocolSource = {
  package: "@morpho-org/morpho-blue",
  compiler: {
    version: "0.8.19",
    solcPackage: "solc-0.8.19",
    settings: {
      viaIR: true,
      optimizer: { enabled: true, runs: 999999 },
      evmVersion: "paris",
      metadata: { bytecodeHash: "none" },
    },
  },
  remappings: [],
  files: ["src/Morpho.sol", "src/mocks/IrmMock.sol", "src/mocks/OracleMock.sol"],
};

export const PROTOCOL_SOURCES: readonly ProtocolSource[] = [
  AAVE_V36_SOURCE,
  AAVE_V36_STATA_SOURCE,
  MORPHO_BLUE_SOURCE,
];

/** The absolute path of an aliased solc package's `soljson.js` (Hardhat needs it absolute, offline). */
export function soljsonPath(source: ProtocolSource): string {
  return require.resolve(`${source.compiler.solcPackage}/soljson.js`);
}
