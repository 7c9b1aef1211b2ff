import { type Address, parseAbi } from "viem";
import type { Chain } from "../../chain/types.js";
import type { MorphoMarketModel } from "../../model/cascade/types.js";

const VAULT_ABI = parseAbi(["function convertToAssets(uint256 shares) view returns (uint256)"]);

/**
 * A Morpho market's collateral price on chain when the collateral is a wrapper (Aave's static aToken): its
 * convertToAssets of the oracle's sample, read from the wrapper (`read`, with each scan) or taken from a
 * market read back at the end (`set`), and prices that value the wrapper as its asset at that rate. For a
 * plain collateral the prices are passed through.
 */
export function createWrapperPricing(chain: Chain, market: MorphoMarketModel, wrapperAddress: Address) {
  const wrapper = market.wrapper;
  let assets = wrapper?.sampleShares ?? 1n;
  return {
    async read(): Promise<void> {
      if (!wrapper) return;
      assets = (await chain.client.readContract({
        address: wrapperAddress,
        abi: VAULT_ABI,
        functionName: "convertToAssets",
        args: [wrapper.sampleShares],
      })) as bigint;
    },
    set(assetsOfSample: bigint): void {
      assets = assetsOfSample;
    },
    assetsOfSample: () => assets,
    priced:
      (priceOf: (symbol: string) => number) =>
      (symbol: string): number =>
        wrapper && symbol === market.collateralSymbol
          ? (priceOf(wrapper.underlying) * Number(assets)) / Number(wrapper.sampleShares)
          : priceOf(symbol),
  };
}
