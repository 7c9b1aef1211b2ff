import { type Address, zeroAddress } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { AAVE_V36_ARTIFACTS, type AaveSourceArtifacts } from "../artifactIds.js";
import type { AaveMarketAddresses } from "../types.js";

export type DeployAaveV36ReturnType = Omit<AaveMarketAddresses, "reserves" | "liquidator"> & {
  /** Token implementations and the pool's one rate strategy, for initReserves. */
  implementations: { aToken: Address; variableDebtToken: Address; rateStrategy: Address };
  /** The artifacts it was built from (v3.6's or v3.7's), for the calls that follow. */
  artifacts: AaveSourceArtifacts;
};

/**
 * Deploys an Aave v3.6 market from the source this project compiles (`@aave-dao/aave-v3-origin` 3.6.0, or
 * with `artifacts` v3.7 from its pinned git source: the same procedures), in
 * the order of the package's own deployment procedures (AaveV3SetupProcedure, AaveV3PoolProcedure,
 * AaveV3TokensProcedure): addresses provider and the pool's one `DefaultReserveInterestRateStrategyV2`
 * (v3.4+: the strategy is an immutable of the Pool), the logic libraries (BorrowLogic first: FlashLoanLogic
 * links it), `PoolInstance(provider, strategy)` and `PoolConfiguratorInstance` behind the provider's proxies,
 * AaveOracle (USD, 8 decimals), ACL with the deployer in every admin role, data provider, and the aToken and
 * variable debt token implementations (the treasury is an immutable of the aToken). The flash-loan premium is
 * zero, so our liquidator's flash loan costs what the model says: nothing.
 *
 * @param chain - a running dev chain.
 * @param parameters - deployer, market id, treasury.
 * @returns the market's addresses (no reserves yet: see initAaveV36Reserves).
 */
export async function deployAaveV36(
  chain: Chain,
  parameters: { from: Address; marketId: string; treasury: Address; artifacts?: AaveSourceArtifacts },
): Promise<DeployAaveV36ReturnType> {
  const { from } = parameters;
  const A = parameters.artifacts ?? AAVE_V36_ARTIFACTS;
  const write = (address: Address, artifact: string, functionName: string, args: readonly unknown[]) =>
    writeContract(chain, { from, address, abi: loadArtifact(artifact).abi, functionName, args } as Parameters<
      typeof writeContract
    >[1]);
  const read = async (address: Address, artifact: string, functionName: string) =>
    (await chain.client.readContract({ address, abi: loadArtifact(artifact).abi, functionName })) as Address;

  const addressesProvider = await deployContract(chain, {
    from,
    artifact: A.addressesProvider,
    args: [parameters.marketId, from],
  });
  const rateStrategy = await deployContract(chain, {
    from,
    artifact: A.rateStrategy,
    args: [addressesProvider],
  });

  // The logic libraries the Pool and the configurator link (v3.7 inlines ConfiguratorLogic).
  const linked = new Set(
    [A.pool, A.poolConfigurator].flatMap((id) =>
      Object.values(loadArtifact(id).linkReferences).flatMap((libs) => Object.keys(libs)),
    ),
  );
  const libraries: Record<string, Address> = {};
  libraries.BorrowLogic = await deployContract(chain, { from, artifact: A.logic("BorrowLogic") });
  for (const name of ["SupplyLogic", "LiquidationLogic", "PoolLogic", "ConfiguratorLogic"])
    if (linked.has(name)) libraries[name] = await deployContract(chain, { from, artifact: A.logic(name) });
  libraries.FlashLoanLogic = await deployContract(chain, {
    from,
    artifact: A.logic("FlashLoanLogic"),
    libraries,
  });
  const poolImpl = await deployContract(chain, {
    from,
    artifact: A.pool,
    args: [addressesProvider, rateStrategy],
    libraries,
  });
  const configuratorImpl = await deployContract(chain, { from, artifact: A.poolConfigurator, libraries });
  const oracle = await deployContract(chain, {
    from,
    artifact: A.oracle,
    args: [addressesProvider, [], [], zeroAddress, zeroAddress, 100_000_000n],
  });

  // AaveV3SetupProcedure._setupPoolAddressesProvider, then _setupACL.
  await write(addressesProvider, A.addressesProvider, "setPriceOracle", [oracle]);
  await write(addressesProvider, A.addressesProvider, "setPoolImpl", [poolImpl]);
  await write(addressesProvider, A.addressesProvider, "setPoolConfiguratorImpl", [configuratorImpl]);
  const pool = await read(addressesProvider, A.addressesProvider, "getPool");
  const poolConfigurator = await read(addressesProvider, A.addressesProvider, "getPoolConfigurator");
  await write(addressesProvider, A.addressesProvider, "setACLAdmin", [from]);
  const aclManager = await deployContract(chain, { from, artifact: A.aclManager, args: [addressesProvider] });
  await write(addressesProvider, A.addressesProvider, "setACLManager", [aclManager]);
  for (const role of ["addPoolAdmin", "addRiskAdmin", "addAssetListingAdmin", "addEmergencyAdmin"])
    await write(aclManager, A.aclManager, role, [from]);
  await write(poolConfigurator, A.poolConfigurator, "updateFlashloanPremium", [0n]);

  const dataProvider = await deployContract(chain, {
    from,
    artifact: A.dataProvider,
    args: [addressesProvider],
  });
  await write(addressesProvider, A.addressesProvider, "setPoolDataProvider", [dataProvider]);
  const aToken = await deployContract(chain, {
    from,
    artifact: A.aToken,
    args: [pool, zeroAddress, parameters.treasury],
  });
  const variableDebtToken = await deployContract(chain, {
    from,
    artifact: A.variableDebtToken,
    args: [pool, zeroAddress],
  });
  return {
    pool,
    addressesProvider,
    aclManager,
    poolAdmin: from,
    poolConfigurator,
    oracle,
    dataProvider,
    treasury: parameters.treasury,
    implementations: { aToken, variableDebtToken, rateStrategy },
    artifacts: A,
  };
}
