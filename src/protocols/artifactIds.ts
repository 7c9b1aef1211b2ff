import { aaveV37ArtifactsName } from "../build/compileAaveV37.js";
import { pinnedArtifactsName } from "../build/compilePinnedSource.js";
import { MORPHO_IRM_SOURCE } from "../build/morphoIrmSource.js";
import { MORPHO_ORACLE_SOURCE } from "../build/morphoOracleSource.js";
/** Artifact ids (see loadArtifact) of the published protocol contracts the replica deploys unmodified. */
export const ARTIFACTS = {
  uniswapV3Factory: "@uniswap/v3-core:UniswapV3Factory.sol/UniswapV3Factory",
  uniswapV3Pool: "@uniswap/v3-core:UniswapV3Pool.sol/UniswapV3Pool",
  uniswapV2Factory: "@uniswap/v2-core:build/UniswapV2Factory",
  uniswapV2Pair: "@uniswap/v2-core:build/UniswapV2Pair",
  aaveAddressesProvider:
    "@aave/core-v3:protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider",
  aaveAclManager: "@aave/core-v3:protocol/configuration/ACLManager.sol/ACLManager",
  aavePool: "@aave/core-v3:protocol/pool/Pool.sol/Pool",
  aavePoolConfigurator: "@aave/core-v3:protocol/pool/PoolConfigurator.sol/PoolConfigurator",
  aaveDataProvider: "@aave/core-v3:misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider",
  aaveOracle: "@aave/core-v3:misc/AaveOracle.sol/AaveOracle",
  aaveAToken: "@aave/core-v3:protocol/tokenization/AToken.sol/AToken",
  aaveVariableDebtToken: "@aave/core-v3:protocol/tokenization/VariableDebtToken.sol/VariableDebtToken",
  aaveStableDebtToken: "@aave/core-v3:protocol/tokenization/StableDebtToken.sol/StableDebtToken",
  aaveDefaultRateStrategy:
    "@aave/core-v3:protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy",
  aaveZeroRateStrategy:
    "@aave/core-v3:misc/ZeroReserveInterestRateStrategy.sol/ZeroReserveInterestRateStrategy",
  aaveLogic: (name: string) => `@aave/core-v3:protocol/libraries/logic/${name}.sol/${name}`,
} as const;

const V36 = "source:@aave-dao/aave-v3-origin/src/contracts";

/** The artifact ids of an Aave market built from source (v3.6 from its npm package, v3.7 from git). */
export type AaveSourceArtifacts = {
  addressesProvider: string;
  aclManager: string;
  pool: string;
  poolConfigurator: string;
  dataProvider: string;
  oracle: string;
  aToken: string;
  variableDebtToken: string;
  rateStrategy: string;
  logic: (name: string) => string;
};

/** Artifact ids of Aave v3.6, compiled from `@aave-dao/aave-v3-origin` 3.6.0's source (src/build/protocolSources.ts). */
export const AAVE_V36_ARTIFACTS = {
  addressesProvider: `${V36}/protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider`,
  aclManager: `${V36}/protocol/configuration/ACLManager.sol/ACLManager`,
  pool: `${V36}/instances/PoolInstance.sol/PoolInstance`,
  poolConfigurator: `${V36}/instances/PoolConfiguratorInstance.sol/PoolConfiguratorInstance`,
  dataProvider: `${V36}/helpers/AaveProtocolDataProvider.sol/AaveProtocolDataProvider`,
  oracle: `${V36}/misc/AaveOracle.sol/AaveOracle`,
  aToken: `${V36}/instances/ATokenInstance.sol/ATokenInstance`,
  variableDebtToken: `${V36}/instances/VariableDebtTokenInstance.sol/VariableDebtTokenInstance`,
  rateStrategy: `${V36}/misc/DefaultReserveInterestRateStrategyV2.sol/DefaultReserveInterestRateStrategyV2`,
  logic: (name: string) => `${V36}/protocol/libraries/logic/${name}.sol/${name}`,
} as const;

/**
 * Artifact ids of Aave's static aToken (StataTokenV2), the RewardsController its constructor takes and the
 * admin proxy it is initialised behind, from `@aave-dao/aave-v3-origin` 3.6.0's source (v3.6 and v3.7
 * markets both use these: the Pool calls it makes did not change).
 */
export const AAVE_STATA_ARTIFACTS = {
  stataToken: `${V36}/extensions/stata-token/StataTokenV2.sol/StataTokenV2`,
  rewardsController: `${V36}/rewards/RewardsController.sol/RewardsController`,
  proxy: `${V36}/dependencies/openzeppelin/upgradeability/InitializableAdminUpgradeabilityProxy.sol/InitializableAdminUpgradeabilityProxy`,
} as const;

/**
 * Artifact ids of Aave v3.7, compiled from its pinned git source into DLCM's cache (src/build/compileAaveV37.ts).
 *
 * @returns the ids (`cache:<build>/<Contract>`).
 */
export function aaveV37Artifacts(): AaveSourceArtifacts {
  const base = `cache:${aaveV37ArtifactsName()}`;
  return {
    addressesProvider: `${base}/PoolAddressesProvider`,
    aclManager: `${base}/ACLManager`,
    pool: `${base}/PoolInstance`,
    poolConfigurator: `${base}/PoolConfiguratorInstance`,
    dataProvider: `${base}/AaveProtocolDataProvider`,
    oracle: `${base}/AaveOracle`,
    aToken: `${base}/ATokenInstance`,
    variableDebtToken: `${base}/VariableDebtTokenInstance`,
    rateStrategy: `${base}/DefaultReserveInterestRateStrategyV2`,
    logic: (name: string) => `${base}/${name}`,
  };
}

const MORPHO = "source:@morpho-org/morpho-blue/src";

/** Artifact ids of Morpho Blue, compiled from `@morpho-org/morpho-blue` 1.0.0's source (src/build/protocolSources.ts). */
export const MORPHO_ARTIFACTS = {
  morpho: `${MORPHO}/Morpho.sol/Morpho`,
  irmMock: `${MORPHO}/mocks/IrmMock.sol/IrmMock`,
  oracleMock: `${MORPHO}/mocks/OracleMock.sol/OracleMock`,
} as const;

/** The artifact id of Morpho's MorphoChainlinkOracleV2, compiled from its pinned git source into DLCM's cache. */
export function morphoChainlinkOracleArtifact(): string {
  return `cache:${pinnedArtifactsName(MORPHO_ORACLE_SOURCE)}/MorphoChainlinkOracleV2`;
}

/** The artifact id of Morpho's AdaptiveCurveIrm, compiled from its pinned git source into DLCM's cache. */
export function morphoAdaptiveCurveIrmArtifact(): string {
  return `cache:${pinnedArtifactsName(MORPHO_IRM_SOURCE)}/AdaptiveCurveIrm`;
}
