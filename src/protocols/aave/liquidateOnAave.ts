import { type Address, type Hex, maxUint256, zeroAddress } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { decodeAaveLiquidation } from "./decodeAaveLiquidation.js";

export type LiquidateOnAaveParameters = {
  /** The liquidator's EOA (receives the profit). */
  from: Address;
  /** CascadeLiquidator bound to the market's pool. */
  liquidator: Address;
  /** The market's Pool (its LiquidationCall event says what was repaid and seized) and treasury (its fee). */
  pool: Address;
  treasury: Address;
  collateral: Address;
  debt: Address;
  user: Address;
  /** Debt asset flash-borrowed; the user's whole debt in that reserve is always enough. */
  flashAmount: bigint;
  /** Where the seized collateral is sold. */
  uniswapPool: Address;
  /** The sale pool is a Uniswap V2 pair; default false (a V3 pool). */
  uniswapV2?: boolean;
  /** What liquidationCall is asked to repay; default type(uint256).max (as much as the rules allow). */
  debtToCover?: bigint;
};

export type LiquidateOnAaveReturnType = {
  debtRepaid: bigint;
  collateralSeized: bigint;
  saleProceeds: bigint;
  protocolFee: bigint;
  gasUsed: bigint;
  hash: Hex;
};

/**
 * One bot liquidation on Aave V3: flash loan, `liquidationCall(collateral, debt, user, type(uint256).max,
 * false)`, sale of the seized collateral on Uniswap (a V3 pool or a V2 pair), repayment, in one transaction of CascadeLiquidator.
 *
 * @param chain - a running dev chain.
 * @param parameters - liquidator, reserves, user, flash amount and sale pool.
 * @returns what the pool took and gave (its LiquidationCall event), the treasury's fee, the sale's proceeds,
 *   gas and hash.
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
        hopPool: zeroAddress,
        hopV2: false,
        debtToCover: parameters.debtToCover ?? maxUint256,
      },
      parameters.flashAmount,
    ],
    gas: 3_000_000n,
  });
  const decoded = decodeAaveLiquidation(receipt, parameters);
  return {
    debtRepaid: decoded.debtRepaid,
    collateralSeized: decoded.collateralSeized,
    saleProceeds: decoded.saleProceeds,
    protocolFee: decoded.protocolFee ?? 0n,
    gasUsed: receipt.gasUsed,
    hash: receipt.transactionHash,
  };
}
