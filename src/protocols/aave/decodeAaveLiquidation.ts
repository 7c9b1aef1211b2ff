import { type Address, parseAbi, type TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { LiquidationOnChain } from "../types.js";

const EVENTS = parseAbi([
  "event LiquidationCall(address indexed collateralAsset, address indexed debtAsset, address indexed user, uint256 debtToCover, uint256 liquidatedCollateralAmount, address liquidator, bool receiveAToken)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
]);

/**
 * One Aave liquidation as the chain reports it: the debt repaid and the collateral seized from the Pool's
 * own `LiquidationCall` event (not from balance differences: a debt token's balance rounds from its scaled
 * amount, off by a wei at an index ≠ 1 ray, and v3.6 burns the rest of the debt into the deficit when the
 * last collateral goes), the protocol fee from the aToken's `Transfer` to the treasury, and the sale's
 * proceeds from our CascadeLiquidator's `Liquidation` event.
 *
 * @param receipt - the liquidation transaction's receipt.
 * @param addresses - the Pool, our liquidator and the market's treasury.
 * @returns the amounts (zero when the receipt holds no liquidation).
 */
export function decodeAaveLiquidation(
  receipt: TransactionReceipt,
  addresses: { pool: Address; liquidator: Address; treasury: Address },
): LiquidationOnChain {
  const pool = addresses.pool.toLowerCase();
  const liquidator = addresses.liquidator.toLowerCase();
  const treasury = addresses.treasury.toLowerCase();
  const out: LiquidationOnChain = { debtRepaid: 0n, collateralSeized: 0n, saleProceeds: 0n, protocolFee: 0n };
  let user: string | undefined;
  const transfers: { from: string; to: string; value: bigint }[] = [];
  const liquidatorAbi = loadArtifact("aave/CascadeLiquidator").abi;
  for (const log of receipt.logs) {
    const from = log.address.toLowerCase();
    if (from === pool) {
      const event = decodeKnownLog(EVENTS, log);
      if (event?.eventName !== "LiquidationCall") continue;
      const args = event.args as { debtToCover: bigint; liquidatedCollateralAmount: bigint; user: string };
      out.debtRepaid = args.debtToCover;
      out.collateralSeized = args.liquidatedCollateralAmount;
      user = args.user.toLowerCase();
    } else if (from === liquidator) {
      const event = decodeKnownLog(liquidatorAbi, log);
      if (event?.eventName === "Liquidation") out.saleProceeds = event.args.saleProceeds as bigint;
    } else {
      const event = decodeKnownLog(EVENTS, log, true);
      const args = event?.args as { from: string; to: string; value: bigint } | undefined;
      if (event?.eventName === "Transfer" && args!.to.toLowerCase() === treasury)
        transfers.push({ from: args!.from.toLowerCase(), to: treasury, value: args!.value });
    }
  }
  for (const t of transfers) if (t.from === user) out.protocolFee! += t.value;
  return out;
}
