import { type Address, encodeAbiParameters } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { AAVE_V36_ARTIFACTS as A } from "../artifactIds.js";
import type { DeployAaveV36ReturnType } from "./deployAaveV36.js";
import type { AaveReserveSpec } from "./initAaveReserves.js";

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
  const from = market.poolAdmin;
  const configuratorAbi = loadArtifact(A.poolConfigurator).abi;
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
    abi: loadArtifact(A.oracle).abi,
    functionName: "setAssetSources",
    args: [reserves.map((r) => r.asset), reserves.map((r) => r.feed)],
  });
  await configure("initReserves", [
    reserves.map((r) => ({
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
    await configure("setReserveFactor", [r.asset, BigInt(r.reserveFactorBps)]);
  }
  const poolAbi = loadArtifact(A.pool).abi;
  const out: Record<string, { aToken: Address; variableDebtToken: Address }> = {};
  for (const r of reserves) {
    const data = (await chain.client.readContract({
      address: market.pool,
      abi: poolAbi,
      functionName: "getReserveData",
      args: [r.asset],
    })) as { aTokenAddress: Address; variableDebtTokenAddress: Address };
    out[r.symbol] = { aToken: data.aTokenAddress, variableDebtToken: data.variableDebtTokenAddress };
  }
  return out;
}
