import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { ARTIFACTS } from "../artifactIds.js";
import type { DeployAaveV3ReturnType } from "./deployAaveV3.js";
import { listAaveReserves } from "./listAaveReserves.js";

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
  parameters: {
    market: DeployAaveV3ReturnType;
    reserves: readonly AaveReserveSpec[];
    /** Each reserve's factor (the treasury's share of the interest), bps; omitted: left at 0. */
    reserveFactorsBps?: readonly bigint[];
  },
): Promise<Record<string, { aToken: Address; variableDebtToken: Address }>> {
  const { market, reserves } = parameters;
  return listAaveReserves(chain, {
    market,
    ...(parameters.reserveFactorsBps ? { reserveFactorsBps: parameters.reserveFactorsBps } : {}),
    abis: {
      configurator: loadArtifact(ARTIFACTS.aavePoolConfigurator).abi,
      oracle: loadArtifact(ARTIFACTS.aaveOracle).abi,
      pool: loadArtifact(ARTIFACTS.aavePool).abi,
    },
    reserves,
    initInputs: reserves.map((r) => ({
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
  });
}
