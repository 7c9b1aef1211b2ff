import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { CometRates } from "../../model/lending/compound/types.js";

/** One collateral asset as Comet's `getAssetInfoByAddress` returns it (factors 1e18-scaled). */
export type CometAssetInfo = {
  offset: number;
  asset: Address;
  priceFeed: Address;
  scale: bigint;
  borrowCollateralFactor: bigint;
  liquidateCollateralFactor: bigint;
  liquidationFactor: bigint;
  supplyCap: bigint;
};

/** A Comet market's parameters as its immutables hold them. */
export type CometConfigurationRead = {
  governor: Address;
  baseToken: Address;
  baseTokenPriceFeed: Address;
  baseScale: bigint;
  storeFrontPriceFactor: bigint;
  targetReserves: bigint;
  rates: CometRates;
  absorbPaused: boolean;
  buyPaused: boolean;
  /** In the order of the assets asked for. */
  assets: CometAssetInfo[];
};

/**
 * Reads a Comet market's configuration (governor, base token and feed, scale, storefront factor, target
 * reserves, the eight per-second rate immutables, pause flags, and each asked-for collateral's info) in one
 * eth_call through CometLens. What the model's market is built from on a fork, and what the replica's is
 * checked against.
 *
 * @param chain - the chain.
 * @param parameters - the lens, the Comet, the collateral assets (Comet reverts on one it does not list).
 * @returns the configuration.
 */
export async function readCometConfiguration(
  chain: Chain,
  parameters: { lens: Address; comet: Address; assets: readonly Address[] },
): Promise<CometConfigurationRead> {
  const c = (await chain.client.readContract({
    address: parameters.lens,
    abi: loadArtifact("compound/CometLens").abi,
    functionName: "configuration",
    args: [parameters.comet, parameters.assets],
  })) as Omit<CometConfigurationRead, "rates" | "assets"> & {
    rates: readonly bigint[];
    assets: readonly (Omit<CometAssetInfo, "offset"> & { offset: number | bigint })[];
  };
  const [sk, sl, sh, sb, bk, bl, bh, bb] = c.rates as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  return {
    governor: c.governor,
    baseToken: c.baseToken,
    baseTokenPriceFeed: c.baseTokenPriceFeed,
    baseScale: c.baseScale,
    storeFrontPriceFactor: c.storeFrontPriceFactor,
    targetReserves: c.targetReserves,
    rates: {
      supplyKink: sk,
      supplyPerSecondInterestRateSlopeLow: sl,
      supplyPerSecondInterestRateSlopeHigh: sh,
      supplyPerSecondInterestRateBase: sb,
      borrowKink: bk,
      borrowPerSecondInterestRateSlopeLow: bl,
      borrowPerSecondInterestRateSlopeHigh: bh,
      borrowPerSecondInterestRateBase: bb,
    },
    absorbPaused: c.absorbPaused,
    buyPaused: c.buyPaused,
    assets: c.assets.map((a) => ({
      offset: Number(a.offset),
      asset: a.asset,
      priceFeed: a.priceFeed,
      scale: a.scale,
      borrowCollateralFactor: a.borrowCollateralFactor,
      liquidateCollateralFactor: a.liquidateCollateralFactor,
      liquidationFactor: a.liquidationFactor,
      supplyCap: a.supplyCap,
    })),
  };
}
