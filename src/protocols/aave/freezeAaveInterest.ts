import { type Address, parseAbi } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { impersonate } from "../../chain/impersonate.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { TransactionRevertedError } from "../../errors/TransactionRevertedError.js";

const CONFIGURATOR = parseAbi([
  "function setReserveInterestRateStrategyAddress(address asset, address rateStrategyAddress, bytes rateData)",
  "function setReserveInterestRateStrategyAddress(address asset, address rateStrategyAddress)",
]);
const POOL = parseAbi([
  "function getReserveData(address asset) view returns ((uint256 configuration, uint128 liquidityIndex, uint128 currentLiquidityRate, uint128 variableBorrowIndex, uint128 currentVariableBorrowRate, uint128 currentStableBorrowRate, uint40 lastUpdateTimestamp, uint16 id, address aTokenAddress, address stableDebtTokenAddress, address variableDebtTokenAddress, address interestRateStrategyAddress, uint128 accruedToTreasury, uint128 unbacked, uint128 isolationModeTotalDebt))",
]);

export type FreezeAaveInterestReturnType = {
  strategy: Address;
  /** Per asset: whether its rates read zero afterwards (v3.1+ configurators sync indices and rates). */
  assets: { asset: Address; frozen: boolean }[];
};

/**
 * Stops interest on the given reserves of a Pool whose rate strategy the model does not mirror (v3.0; a
 * v3.6 Pool keeps its interest, which the model accrues): deploys ZeroRateStrategy and makes it each reserve's strategy,
 * as the impersonated pool admin through the PoolConfigurator (the v3.2+ signature with rate data first,
 * the v3.0–v3.1 one if that reverts). From v3.1 the configurator accrues up to now and recomputes the rates
 * with the new strategy, so the indices stay constant from here. The model holds indices constant during
 * a cascade, so a fork run does this to stay exact to the wei (a 15-minute cascade accrues < 1e-5 of debt).
 * A v3.0 Pool changes the strategy without recomputing rates: those reserves are reported not frozen.
 *
 * @param chain - a dev chain (replica or fork).
 * @param parameters - pool, configurator, pool admin, assets, and who deploys the strategy.
 * @returns the strategy and, per asset, whether its rates now read zero.
 */
export async function freezeAaveInterest(
  chain: Chain,
  parameters: {
    pool: Address;
    poolConfigurator: Address;
    poolAdmin: Address;
    assets: readonly Address[];
    deployer: Address;
  },
): Promise<FreezeAaveInterestReturnType> {
  await impersonate(chain, parameters.poolAdmin);
  const assets: FreezeAaveInterestReturnType["assets"] = [];
  const read = (asset: Address) =>
    chain.client.readContract({
      address: parameters.pool,
      abi: POOL,
      functionName: "getReserveData",
      args: [asset],
    });
  const strategy = await deployContract(chain, {
    from: parameters.deployer,
    artifact: "aave/ZeroRateStrategy",
  });
  for (const asset of parameters.assets) {
    const call = (args: readonly [Address, Address] | readonly [Address, Address, `0x${string}`]) =>
      writeContract(chain, {
        from: parameters.poolAdmin,
        address: parameters.poolConfigurator,
        abi: CONFIGURATOR,
        functionName: "setReserveInterestRateStrategyAddress",
        args: args as never,
      });
    try {
      await call([asset, strategy, "0x"]);
    } catch (error) {
      if (!(error instanceof TransactionRevertedError)) throw error;
      await call([asset, strategy]);
    }
    const data = await read(asset);
    assets.push({ asset, frozen: data.currentLiquidityRate === 0n && data.currentVariableBorrowRate === 0n });
  }
  return { strategy, assets };
}
