import { type Abi, parseAbi, type TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";

// Solidity 0.8.19 leaves events declared in a library (Morpho's EventsLib) out of the contract's ABI.
const MORPHO_EVENTS = parseAbi([
  "event Liquidate(bytes32 indexed id, address indexed caller, address indexed borrower, uint256 repaidAssets, uint256 repaidShares, uint256 seizedAssets, uint256 badDebtAssets, uint256 badDebtShares)",
]);

/** One Morpho liquidation as the chain reports it: Morpho's own Liquidate event and our liquidator's sale. */
export type MorphoLiquidationOnChain = {
  repaidAssets: bigint;
  repaidShares: bigint;
  seizedAssets: bigint;
  badDebtAssets: bigint;
  /** A wrapped collateral: what redeeming the seized shares paid (our liquidator's Redeemed event). */
  redeemedAssets?: bigint;
  saleProceeds: bigint;
};

/**
 * A mined Morpho liquidation's outcome from its receipt: Morpho's `Liquidate` (repaid assets and shares,
 * seized collateral, bad debt) and our MorphoLiquidator's `Liquidation` (the sale) and `Redeemed` (a
 * wrapped collateral's redemption).
 *
 * @param receipt - the liquidation's receipt.
 * @param from - the Morpho and our liquidator (their logs only), and the liquidator's ABI.
 * @returns the amounts (0 where an event is missing).
 */
export function decodeMorphoLiquidation(
  receipt: TransactionReceipt,
  from: { morpho: string; liquidator: string; liquidatorAbi: Abi },
): MorphoLiquidationOnChain {
  const out: MorphoLiquidationOnChain = {
    repaidAssets: 0n,
    repaidShares: 0n,
    seizedAssets: 0n,
    badDebtAssets: 0n,
    saleProceeds: 0n,
  };
  for (const log of receipt.logs) {
    const address = log.address.toLowerCase();
    if (address === from.morpho.toLowerCase()) {
      const event = decodeKnownLog(MORPHO_EVENTS, log);
      if (event?.eventName !== "Liquidate") continue;
      const a = event.args as Record<string, bigint>;
      Object.assign(out, {
        repaidAssets: a.repaidAssets,
        repaidShares: a.repaidShares,
        seizedAssets: a.seizedAssets,
        badDebtAssets: a.badDebtAssets,
      });
    } else if (address === from.liquidator.toLowerCase()) {
      const event = decodeKnownLog(from.liquidatorAbi, log);
      const args = event?.args as Record<string, bigint> | undefined;
      if (event?.eventName === "Liquidation") out.saleProceeds = args!.saleProceeds!;
      if (event?.eventName === "Redeemed") out.redeemedAssets = args!.assets!;
    }
  }
  return out;
}
