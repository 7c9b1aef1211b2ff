import { type Address, encodeFunctionData } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import { sendBlock } from "../../chain/sendBlock.js";
import type { Chain } from "../../chain/types.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { InterestRateData } from "../../model/lending/aave/calculateInterestRates.js";
import { AAVE_V36_ARTIFACTS as A } from "../artifactIds.js";
import { encodeAaveRateData } from "./initAaveV36Reserves.js";

/**
 * Starts a seeded v3.6 market's interest: every reserve's rate data set in one block at `timestamp` (the
 * rates follow from its utilisation now; the indices are still 1 ray, and `setReserveInterestRateData`
 * syncs each reserve's last update to that block). The replica mines the cascade's block 0 its history
 * later (deployReplica), so the indices at the start are those rates over exactly that time, as the model
 * computes them (buildAaveMarketModel's startInterest). The rates keep running through the cascade.
 *
 * @param chain - a dev chain with the market seeded.
 * @param parameters - configurator, risk or pool admin, the reserves with their rates, the block's time.
 * @throws {DeploymentError} when a rate update reverts.
 */
export async function startAaveInterest(
  chain: Chain,
  parameters: {
    poolConfigurator: Address;
    admin: Address;
    reserves: readonly { asset: Address; rates: InterestRateData }[];
    timestamp: bigint;
  },
): Promise<void> {
  const abi = loadArtifact(A.poolConfigurator).abi;
  const receipts = await sendBlock(chain, {
    timestamp: parameters.timestamp,
    transactions: parameters.reserves.map((r) => ({
      from: parameters.admin,
      to: parameters.poolConfigurator,
      gas: 1_000_000n,
      data: encodeFunctionData({
        abi,
        functionName: "setReserveInterestRateData",
        args: [r.asset, encodeAaveRateData(r.rates)],
      } as Parameters<typeof encodeFunctionData>[0]),
    })),
  });
  if (receipts.some((r) => r.status !== "success") || receipts.length !== parameters.reserves.length)
    throw new DeploymentError("Setting the Aave reserves' interest rates reverted.");
}
