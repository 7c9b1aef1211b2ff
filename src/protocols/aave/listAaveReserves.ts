import type { Abi, Address } from "viem";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import type { AaveReserveSpec } from "./initAaveReserves.js";

/**
 * What listing reserves on a fresh Aave market takes, whatever its version: the oracle's sources, the
 * configurator's `initReserves` with the version's own input structs, then per reserve the collateral
 * parameters, borrowing, flash loans, the liquidation protocol fee and (v3.6) the reserve factor, as the
 * scenario gives them; the reserves' token addresses read back from the Pool.
 *
 * @param chain - a running dev chain.
 * @param parameters - the market (admin, configurator, oracle, Pool) with the version's ABIs, the
 *   reserves, their `InitReserveInput`s, and reserve factors where the version sets them.
 * @returns aToken and variable debt token per symbol.
 */
export async function listAaveReserves(
  chain: Chain,
  parameters: {
    market: { poolAdmin: Address; poolConfigurator: Address; oracle: Address; pool: Address };
    abis: { configurator: Abi; oracle: Abi; pool: Abi };
    reserves: readonly AaveReserveSpec[];
    initInputs: readonly unknown[];
    reserveFactorsBps?: readonly bigint[];
  },
): Promise<Record<string, { aToken: Address; variableDebtToken: Address }>> {
  const { market, abis, reserves } = parameters;
  const from = market.poolAdmin;
  const configure = (functionName: string, args: readonly unknown[]) =>
    writeContract(chain, {
      from,
      address: market.poolConfigurator,
      abi: abis.configurator,
      functionName,
      args,
      gas: 30_000_000n,
    } as Parameters<typeof writeContract>[1]);

  await writeContract(chain, {
    from,
    address: market.oracle,
    abi: abis.oracle,
    functionName: "setAssetSources",
    args: [reserves.map((r) => r.asset), reserves.map((r) => r.feed)],
  } as Parameters<typeof writeContract>[1]);
  await configure("initReserves", [parameters.initInputs]);
  for (const [i, r] of reserves.entries()) {
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
    const factor = parameters.reserveFactorsBps?.[i];
    if (factor !== undefined) await configure("setReserveFactor", [r.asset, factor]);
  }
  const out: Record<string, { aToken: Address; variableDebtToken: Address }> = {};
  for (const r of reserves) {
    const data = (await chain.client.readContract({
      address: market.pool,
      abi: abis.pool,
      functionName: "getReserveData",
      args: [r.asset],
    })) as { aTokenAddress: Address; variableDebtTokenAddress: Address };
    out[r.symbol] = { aToken: data.aTokenAddress, variableDebtToken: data.variableDebtTokenAddress };
  }
  return out;
}
