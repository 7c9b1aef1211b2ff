import { type Address, decodeEventLog, type Hex } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";

export type LiquidateOnAaveParameters = {
  /** The liquidator's EOA (receives the profit). */
  from: Address;
  /** CascadeLiquidator bound to the market's pool. */
  liquidator: Address;
  collateral: Address;
  debt: Address;
  user: Address;
  /** Debt asset flash-borrowed; the user's whole debt in that reserve is always enough. */
  flashAmount: bigint;
  /** Where the seized collateral is sold. */
  uniswapPool: Address;
  /** The sale pool is a Uniswap V2 pair; default false (a V3 pool). */
  uniswapV2?: boolean;
};

export type LiquidateOnAaveReturnType = {
  debtRepaid: bigint;
  collateralSeized: bigint;
  saleProceeds: bigint;
  gasUsed: bigint;
  hash: Hex;
};

/**
 * One bot liquidation on Aave V3: flash loan, `liquidationCall(collateral, debt, user, type(uint256).max,
 * false)`, sale of the seized collateral on Uniswap (a V3 pool or a V2 pair), repayment, in one transaction of CascadeLiquidator.
 *
 * @param chain - a running dev chain.
 * @param parameters - liquidator, reserves, user, flash amount and sale pool.
 * @returns what the pool took and gave, the sale's proceeds, gas and hash.
 * @throws {TransactionRevertedError} with Aave's error code (e.g. "45": health factor not below 1) or
 * "CascadeLiquidator: unprofitable".
 */
export async function liquidateOnAave(
  chain: Chain,
  parameters: LiquidateOnAaveParameters,
): Promise<LiquidateOnAaveReturnType> {
  const abi = loadArtifact("aave/CascadeLiquidator").abi;
  const receipt = await writeContract(chain, {
    from: parameters.from,
    address: parameters.liquidator,
    abi,
    functionName: "liquidate",
    args: [
      {
        collateral: parameters.collateral,
        debt: parameters.debt,
        user: parameters.user,
        uniswapPool: parameters.uniswapPool,
        uniswapV2: parameters.uniswapV2 ?? false,
      },
      parameters.flashAmount,
    ],
    gas: 3_000_000n,
  });
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== parameters.liquidator.toLowerCase()) continue;
    const event = decodeEventLog({ abi, data: log.data, topics: log.topics, strict: false });
    if (event.eventName !== "Liquidation") continue;
    const a = event.args as unknown as { debtRepaid: bigint; collateralSeized: bigint; saleProceeds: bigint };
    return {
      debtRepaid: a.debtRepaid,
      collateralSeized: a.collateralSeized,
      saleProceeds: a.saleProceeds,
      gasUsed: receipt.gasUsed,
      hash: receipt.transactionHash,
    };
  }
  return {
    debtRepaid: 0n,
    collateralSeized: 0n,
    saleProceeds: 0n,
    gasUsed: receipt.gasUsed,
    hash: receipt.transactionHash,
  };
}
