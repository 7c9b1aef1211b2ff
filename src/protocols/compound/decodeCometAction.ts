import type { Abi, Address, TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { CometMarketAddresses } from "../types.js";

/** What one absorb did by Comet's events (AbsorbCollateral per asset, AbsorbDebt, the credit's Transfer). */
export type CometAbsorbOnChain = {
  /** Collateral absorbed per asset, in Comet's asset order. */
  absorbed: bigint[];
  /** The seized collateral's value, 8-decimal USD (Σ AbsorbCollateral.usdValue). */
  collateralUsdE8: bigint;
  basePaidOut: bigint;
  /** AbsorbDebt.usdValue: basePaidOut's value, 8-decimal USD. */
  debtUsdE8: bigint;
  /** Base credited to the account when its collateral was worth more than its debt (Transfer's amount). */
  credit: bigint;
};

/** What one storefront buy did: Comet's BuyCollateral and our CometLiquidator's Bought (the sale). */
export type CometBuyOnChain = { baseAmount: bigint; collateralAmount: bigint; saleProceeds: bigint };

type Decoded = { eventName: string; args: Record<string, bigint | Address> };

function decodeFrom(receipt: TransactionReceipt, address: Address, abis: readonly unknown[]): Decoded[] {
  const at = address.toLowerCase();
  return receipt.logs.flatMap((log) => {
    if (log.address.toLowerCase() !== at) return [];
    for (const abi of abis) {
      const event = decodeKnownLog(abi as Abi, log, true);
      if (event) return [event as unknown as Decoded];
    }
    return [];
  });
}

/**
 * Decodes an absorb's receipt from Comet's own events.
 *
 * @param receipt - the mined `absorb`.
 * @param addresses - the market's addresses (Comet and its asset order).
 */
export function decodeCometAbsorb(
  receipt: TransactionReceipt,
  addresses: CometMarketAddresses,
): CometAbsorbOnChain {
  const out: CometAbsorbOnChain = {
    absorbed: addresses.assets.map(() => 0n),
    collateralUsdE8: 0n,
    basePaidOut: 0n,
    debtUsdE8: 0n,
    credit: 0n,
  };
  const abis = [loadArtifact("compound/IComet").abi];
  for (const e of decodeFrom(receipt, addresses.comet, abis)) {
    if (e.eventName === "AbsorbCollateral") {
      const i = addresses.assets.findIndex((a) => a.toLowerCase() === String(e.args.asset).toLowerCase());
      out.absorbed[i] = e.args.collateralAbsorbed as bigint;
      out.collateralUsdE8 += e.args.usdValue as bigint;
    } else if (e.eventName === "AbsorbDebt") {
      out.basePaidOut = e.args.basePaidOut as bigint;
      out.debtUsdE8 = e.args.usdValue as bigint;
    } else if (e.eventName === "Transfer") out.credit = e.args.amount as bigint;
  }
  return out;
}

/**
 * Decodes a storefront buy-and-sell's receipt: Comet's BuyCollateral and our liquidator's Bought.
 *
 * @param receipt - the mined `buyAndSell`.
 * @param addresses - the market's addresses (Comet and our liquidator).
 */
export function decodeCometBuy(
  receipt: TransactionReceipt,
  addresses: CometMarketAddresses,
): CometBuyOnChain {
  const buy = decodeFrom(receipt, addresses.comet, [loadArtifact("compound/IComet").abi]).find(
    (e) => e.eventName === "BuyCollateral",
  );
  const sold = decodeFrom(receipt, addresses.liquidator, [loadArtifact("compound/CometLiquidator").abi]).find(
    (e) => e.eventName === "Bought",
  );
  return {
    baseAmount: (buy?.args.baseAmount as bigint | undefined) ?? 0n,
    collateralAmount: (buy?.args.collateralAmount as bigint | undefined) ?? 0n,
    saleProceeds: (sold?.args.saleProceeds as bigint | undefined) ?? 0n,
  };
}
