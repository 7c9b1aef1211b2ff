import { type Address, zeroAddress } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { ARTIFACTS } from "../artifactIds.js";
import type { AaveMarketAddresses } from "../types.js";

export type DeployAaveV3ReturnType = Omit<AaveMarketAddresses, "reserves" | "liquidator"> & {
  /** Token implementations and the rate strategy, for initReserves. */
  implementations: {
    aToken: Address;
    stableDebtToken: Address;
    variableDebtToken: Address;
    rateStrategy: Address;
  };
};

const LOGIC = [
  "BorrowLogic",
  "BridgeLogic",
  "EModeLogic",
  "LiquidationLogic",
  "PoolLogic",
  "SupplyLogic",
  "ConfiguratorLogic",
] as const;

/**
 * Deploys an Aave V3 market from the `@aave/core-v3` 1.19.3 artifacts, in the order measured to work
 * (CHAIN-NOTES): addresses provider and ACL, the logic libraries linked into Pool and PoolConfigurator,
 * data provider, AaveOracle (USD, 8 decimals), token implementations and a zero-rate strategy (indices
 * stay at 1 ray, as the model assumes within a cascade). The deployer holds every admin role. Flash-loan
 * premiums are set to zero so the liquidator's flash loan costs what the model says: nothing.
 *
 * @param chain - a running dev chain.
 * @param parameters - deployer, market id, treasury.
 * @returns the market's addresses (no reserves yet: see initAaveReserves).
 */
export async function deployAaveV3(
  chain: Chain,
  parameters: { from: Address; marketId: string; treasury: Address },
): Promise<DeployAaveV3ReturnType> {
  const { from } = parameters;
  const write = (address: Address, artifact: string, functionName: string, args: readonly unknown[]) =>
    writeContract(chain, { from, address, abi: loadArtifact(artifact).abi, functionName, args } as Parameters<
      typeof writeContract
    >[1]);

  const addressesProvider = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aaveAddressesProvider,
    args: [parameters.marketId, from],
  });
  await write(addressesProvider, ARTIFACTS.aaveAddressesProvider, "setACLAdmin", [from]);
  const aclManager = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aaveAclManager,
    args: [addressesProvider],
  });
  await write(addressesProvider, ARTIFACTS.aaveAddressesProvider, "setACLManager", [aclManager]);
  for (const role of ["addPoolAdmin", "addRiskAdmin", "addAssetListingAdmin", "addEmergencyAdmin"])
    await write(aclManager, ARTIFACTS.aaveAclManager, role, [from]);

  const libraries: Record<string, Address> = {};
  for (const name of LOGIC)
    libraries[name] = await deployContract(chain, { from, artifact: ARTIFACTS.aaveLogic(name) });
  libraries.FlashLoanLogic = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aaveLogic("FlashLoanLogic"),
    libraries,
  });

  const poolImpl = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aavePool,
    args: [addressesProvider],
    libraries,
  });
  await write(poolImpl, ARTIFACTS.aavePool, "initialize", [addressesProvider]);
  await write(addressesProvider, ARTIFACTS.aaveAddressesProvider, "setPoolImpl", [poolImpl]);
  const providerAbi = loadArtifact(ARTIFACTS.aaveAddressesProvider).abi;
  const pool = (await chain.client.readContract({
    address: addressesProvider,
    abi: providerAbi,
    functionName: "getPool",
  })) as Address;

  const configuratorImpl = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aavePoolConfigurator,
    libraries,
  });
  await write(configuratorImpl, ARTIFACTS.aavePoolConfigurator, "initialize", [addressesProvider]);
  await write(addressesProvider, ARTIFACTS.aaveAddressesProvider, "setPoolConfiguratorImpl", [
    configuratorImpl,
  ]);
  const poolConfigurator = (await chain.client.readContract({
    address: addressesProvider,
    abi: providerAbi,
    functionName: "getPoolConfigurator",
  })) as Address;

  const dataProvider = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aaveDataProvider,
    args: [addressesProvider],
  });
  await write(addressesProvider, ARTIFACTS.aaveAddressesProvider, "setPoolDataProvider", [dataProvider]);
  const oracle = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aaveOracle,
    args: [addressesProvider, [], [], zeroAddress, zeroAddress, 100_000_000n],
  });
  await write(addressesProvider, ARTIFACTS.aaveAddressesProvider, "setPriceOracle", [oracle]);

  const aToken = await deployContract(chain, { from, artifact: ARTIFACTS.aaveAToken, args: [pool] });
  const stableDebtToken = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aaveStableDebtToken,
    args: [pool],
  });
  const variableDebtToken = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aaveVariableDebtToken,
    args: [pool],
  });
  const rateStrategy = await deployContract(chain, {
    from,
    artifact: ARTIFACTS.aaveZeroRateStrategy,
    args: [addressesProvider],
  });
  await write(poolConfigurator, ARTIFACTS.aavePoolConfigurator, "updateFlashloanPremiumTotal", [0n]);
  await write(poolConfigurator, ARTIFACTS.aavePoolConfigurator, "updateFlashloanPremiumToProtocol", [0n]);

  return {
    pool,
    addressesProvider,
    aclManager,
    poolAdmin: from,
    poolConfigurator,
    oracle,
    dataProvider,
    treasury: parameters.treasury,
    implementations: { aToken, stableDebtToken, variableDebtToken, rateStrategy },
  };
}
