import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { ARTIFACTS } from "../artifactIds.js";
import type { DeployAaveV3ReturnType } from "./deployAaveV3.js";

export type AaveReserveSpec = {
  symbol: string;
  asset: Address;
  decimals: number;
  feed: Address;
  ltvBps: bigint;
  liquidationThresholdBps: bigint;
  liquidationBonusBps: bigint;
  protocolFeeBps: bigint;
};

/**
 * Lists reserves on a freshly deployed market: oracle sources, `initReserves` (struct fields in the
 * order of `ConfiguratorInputTypes.InitReserveInput`), collateral parameters, borrowing, flash loans and
 * the liquidation protocol fee, as the scenario gives them.
 *
 * @param chain - a running dev chain.
 * @param parameters - the market (from deployAaveV3) and its reserves.
 * @returns aToken and variable debt token per symbol.
 */
export async function initAaveReserves(
  chain: Chain,
  parameters: { market: DeployAaveV3ReturnType; reserves: readonly AaveReserveSpec[] },
): Promise<Record<string, { aToken: Address; variableDebtToken: Address }>> {
  const { market, reserves } = parameters;
  const from = market.poolAdmin;
  const configuratorAbi = loadArtifact(ARTIFACTS.aavePoolConfigurator).abi;
  const configure = (functionName: string, args: readonly unknown[]) =>
    writeContract(chain, {
      from,
      address: market.poolConfigurator,
      abi: configuratorAbi,
      functionName,
      args,
      gas: 30_000_000n,
    } as Parameters<typeof writeContract>[1]);

  await writeContract(chain, {
    from,
    address: market.oracle,
    abi: loadArtifact(ARTIFACTS.aaveOracle).abi,
    functionName: "setAssetSources",
    args: [reserves.map((r) => r.asset), reserves.map((r) => r.feed)],
  });
  await configure("initReserves", [
    reserves.map((r) => ({
      aTokenImpl: market.implementations.aToken,
      stableDebtTokenImpl: market.implementations.stableDebtToken,
      variableDebtTokenImpl: market.implementations.variableDebtToken,
      underlyingAssetDecimals: r.decimals,
      interestRateStrategyAddress: market.implementations.rateStrategy,
      underlyingAsset: r.asset,
      treasury: market.treasury,
      incentivesController: "0x0000000000000000000000000000000000000000",
      aTokenName: `Aave ${r.symbol}`,
      aTokenSymbol: `a${r.symbol}`,
      variableDebtTokenName: `Aave variable debt ${r.symbol}`,
      variableDebtTokenSymbol: `variableDebt${r.symbol}`,
      stableDebtTokenName: `Aave stable debt ${r.symbol}`,
      stableDebtTokenSymbol: `stableDebt${r.symbol}`,
      params: "0x",
    })),
  ]);
  for (const r of reserves) {
    if (r.liquidationThresholdBps > 0n)
      await configure("configureReserveAsCollateral", [
        r.asset,
        r.ltvBps,
        r.liquidationThresholdBps,
        r.liquidationBonusBps,
      ]);
    await configure("setReserveBorrowing", [r.asset, true]);
    await configure("setReserveFlashLoaning", [r.asset, true]);
    await configure("setLiquidationProtocolFee", [r.asset, r.protocolFeeBps]);
  }
  const poolAbi = loadArtifact(ARTIFACTS.aavePool).abi;
  const out: Record<string, { aToken: Address; variableDebtToken: Address }> = {};
  for (const r of reserves) {
    const data = (await chain.client.readContract({
      address: market.pool,
      abi: poolAbi,
      functionName: "getReserveData",
      args: [r.asset],
    })) as {
      aTokenAddress: Address;
      variableDebtTokenAddress: Address;
    };
    out[r.symbol] = { aToken: data.aTokenAddress, variableDebtToken: data.variableDebtTokenAddress };
  }
  return out;
}
