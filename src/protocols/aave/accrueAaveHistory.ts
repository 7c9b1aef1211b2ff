import { type Address, toHex } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import type { InterestRateData } from "../../model/lending/aave/calculateInterestRates.js";
import { AAVE_V36_ARTIFACTS as A } from "../artifactIds.js";
import { encodeAaveRateData, ZERO_RATES } from "./initAaveV36Reserves.js";

/**
 * Gives a seeded v3.6 market a history: each reserve's rate data set (the rates follow from its utilisation
 * now; indices are still 1 ray), then, exactly `seconds` later for that reserve, zero rates set again —
 * `setReserveInterestRateData` first accrues the indices up to that moment, so they move off 1 ray by what
 * the model computes (buildAaveMarketModel's accrueHistory), and stay there during the cascade. Block
 * timestamps are set explicitly (one block per transaction), so the elapsed time is exact on any backend.
 *
 * @param chain - a dev chain with the market seeded.
 * @param parameters - configurator, risk or pool admin, the reserves with their rates, and the history's length.
 */
export async function accrueAaveHistory(
  chain: Chain,
  parameters: {
    poolConfigurator: Address;
    admin: Address;
    reserves: readonly { asset: Address; rates: InterestRateData }[];
    seconds: bigint;
  },
): Promise<void> {
  const abi = loadArtifact(A.poolConfigurator).abi;
  const ask = chain.client.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  const setRates = async (asset: Address, rates: InterestRateData, timestamp: bigint) => {
    await ask({ method: "evm_setNextBlockTimestamp", params: [toHex(timestamp)] });
    await writeContract(chain, {
      from: parameters.admin,
      address: parameters.poolConfigurator,
      abi,
      functionName: "setReserveInterestRateData",
      args: [asset, encodeAaveRateData(rates)],
    } as Parameters<typeof writeContract>[1]);
  };
  const start = (await chain.client.getBlock()).timestamp + 1n;
  const { reserves, seconds } = parameters;
  for (const [k, r] of reserves.entries()) await setRates(r.asset, r.rates, start + BigInt(k));
  for (const [k, r] of reserves.entries()) await setRates(r.asset, ZERO_RATES, start + seconds + BigInt(k));
}
