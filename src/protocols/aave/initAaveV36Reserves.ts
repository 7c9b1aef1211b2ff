import { type Address, encodeAbiParameters } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { DeployAaveV36ReturnType } from "./deployAaveV36.js";
import type { AaveReserveSpec } from "./initAaveReserves.js";
import { listAaveReserves } from "./listAaveReserves.js";

/** DefaultReserveInterestRateStrategyV2's rate data, in bps (as its `InterestRateData` struct stores it). */
export type AaveRateData = {
  optimalUsageRatioBps: number;
  baseVariableBorrowRateBps: number;
  variableRateSlope1Bps: number;
  variableRateSlope2Bps: number;
};

/** Rates of zero (the optimal point must lie in [1%, 99%]): indices stay where they are. */
export const ZERO_RATES: AaveRateData = {
  optimalUsageRatioBps: 9_000,
  baseVariableBorrowRateBps: 0,
  variableRateSlope1Bps: 0,
  variableRateSlope2Bps: 0,
};

/** ABI-encodes rate data as `PoolConfigurator.initReserves` and `setReserveInterestRateData` take it. */
export function encodeAaveRateData(rates: AaveRateData): `0x${string}` {
  return encodeAbiParameters(
    [
      {
        type: "tuple",
        components: [
          { name: "optimalUsageRatio", type: "uint16" },
          { name: "baseVariableBorrowRate", type: "uint32" },
          { name: "variableRateSlope1", type: "uint32" },
          { name: "variableRateSlope2", type: "uint32" },
        ],
      },
    ],
    [
      {
        optimalUsageRatio: rates.optimalUsageRatioBps,
        baseVariableBorrowRate: rates.baseVariableBorrowRateBps,
        variableRateSlope1: rates.variableRateSlope1Bps,
        variableRateSlope2: rates.variableRateSlope2Bps,
      },
    ],
  );
}

/**
 * Lists reserves on a fresh v3.6 market: oracle sources, `initReserves` (v3.6's `InitReserveInput`: no
 * stable debt, no per-reserve strategy address, rate data for the pool's one strategy, decimals read from
 * the token), then collateral parameters, borrowing, flash loans, the liquidation protocol fee and the
 * reserve factor, as the scenario gives them.
 *
 * @param chain - a running dev chain.
 * @param parameters - the market (from deployAaveV36), its reserves and each reserve's rates.
 * @returns aToken and variable debt token per symbol.
 */
export async function initAaveV36Reserves(
  chain: Chain,
  parameters: {
    market: DeployAaveV36ReturnType;
    reserves: readonly (AaveReserveSpec & { rates: AaveRateData; reserveFactorBps: number })[];
  },
): Promise<Record<string, { aToken: Address; variableDebtToken: Address }>> {
  const { market, reserves } = parameters;
  return listAaveReserves(chain, {
    market,
    abis: {
      configurator: loadArtifact(market.artifacts.poolConfigurator).abi,
      oracle: loadArtifact(market.artifacts.oracle).abi,
      pool: loadArtifact(market.artifacts.pool).abi,
    },
    reserves,
    initInputs: reserves.map((r) => ({
      aTokenImpl: market.implementations.aToken,
      variableDebtTokenImpl: market.implementations.variableDebtToken,
      underlyingAsset: r.asset,
      aTokenName: `Aave ${r.symbol}`,
      aTokenSymbol: `a${r.symbol}`,
      variableDebtTokenName: `Aave variable debt ${r.symbol}`,
      variableDebtTokenSymbol: `variableDebt${r.symbol}`,
      params: "0x",
      interestRateData: encodeAaveRateData(r.rates),
    })),
    reserveFactorsBps: reserves.map((r) => BigInt(r.reserveFactorBps)),
  });
}
