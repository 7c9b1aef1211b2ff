import { type Address, encodeFunctionData, erc20Abi } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import { sendBlock } from "../../chain/sendBlock.js";
import type { Chain } from "../../chain/types.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { InterestRateData } from "../../model/lending/aave/calculateInterestRates.js";
import { ARTIFACTS } from "../artifactIds.js";

const bpsToRay = (bps: number) => BigInt(bps) * 10n ** 23n;

/**
 * Starts a seeded v3.0 market's interest: one `DefaultReserveInterestRateStrategy` of @aave/core-v3 per
 * reserve with its rates (bps as rays; stable slopes and offsets zero: stable borrowing stays off), then,
 * in one block at `timestamp`, each made its reserve's strategy (`setReserveInterestRateStrategyAddress`)
 * and the rates recomputed by a zero flash loan (RateRefresher): v3.0 installs a strategy without
 * recomputing them. The indices are still 1 ray; the replica mines block 0 the history later, as for v3.6
 * (startAaveInterest).
 *
 * @param chain - a dev chain with the market seeded.
 * @param parameters - the market's addresses provider, pool and configurator, the admin, the reserves with
 *   their rates, the block's time.
 * @throws {DeploymentError} when a strategy update or a refresh reverts.
 */
export async function startAaveV30Interest(
  chain: Chain,
  parameters: {
    addressesProvider: Address;
    pool: Address;
    poolConfigurator: Address;
    admin: Address;
    reserves: readonly { asset: Address; aToken: Address; symbol: string; rates: InterestRateData }[];
    timestamp: bigint;
  },
): Promise<void> {
  const { admin } = parameters;
  // A zero flash loan cumulates a premium over the aToken's supply: on an empty reserve it divides by zero.
  // There nothing needs recomputing (no debt) unless the base rate is above zero.
  const supplied: Address[] = [];
  for (const r of parameters.reserves) {
    const supply = (await chain.client.readContract({
      address: r.aToken,
      abi: erc20Abi,
      functionName: "totalSupply",
    })) as bigint;
    if (supply > 0n) supplied.push(r.asset);
    else if (r.rates.baseVariableBorrowRateBps > 0)
      throw new DeploymentError(
        `Aave v3.0 reserve ${r.symbol} has a base rate but no supply: v3.0 cannot start its rates (set its baseVariableBorrowRateBps to 0 or give it a supplyUsd).`,
      );
  }
  const strategies: Address[] = [];
  for (const { rates } of parameters.reserves)
    strategies.push(
      await deployContract(chain, {
        from: admin,
        artifact: ARTIFACTS.aaveDefaultRateStrategy,
        args: [
          parameters.addressesProvider,
          bpsToRay(rates.optimalUsageRatioBps),
          bpsToRay(rates.baseVariableBorrowRateBps),
          bpsToRay(rates.variableRateSlope1Bps),
          bpsToRay(rates.variableRateSlope2Bps),
          0n,
          0n,
          0n,
          0n,
          0n,
        ],
      }),
    );
  const refresher = await deployContract(chain, {
    from: admin,
    artifact: "aave/RateRefresher",
    args: [parameters.pool],
  });
  const configurator = loadArtifact(ARTIFACTS.aavePoolConfigurator).abi;
  const receipts = await sendBlock(chain, {
    timestamp: parameters.timestamp,
    transactions: [
      ...parameters.reserves.map((r, i) => ({
        from: admin,
        to: parameters.poolConfigurator,
        gas: 1_000_000n,
        data: encodeFunctionData({
          abi: configurator,
          functionName: "setReserveInterestRateStrategyAddress",
          args: [r.asset, strategies[i]!],
        } as Parameters<typeof encodeFunctionData>[0]),
      })),
      {
        from: admin,
        to: refresher,
        gas: 3_000_000n,
        data: encodeFunctionData({
          abi: loadArtifact("aave/RateRefresher").abi,
          functionName: "refresh",
          args: [supplied],
        }),
      },
    ],
  });
  if (receipts.some((r) => r.status !== "success") || receipts.length !== parameters.reserves.length + 1)
    throw new DeploymentError("Starting the Aave v3.0 reserves' interest rates reverted.");
}
