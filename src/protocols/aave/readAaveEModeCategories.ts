import { type Address, parseAbi } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { AaveEModeCategory, AaveVersionProfile } from "../../model/lending/aave/types.js";
import { readAaveV30EModeCategories } from "./readAaveV30EModeCategories.js";

const isolatedAbi = parseAbi(["function getIsEModeCategoryIsolated(uint8 id) view returns (bool)"]);

type LensCategory = {
  id: bigint;
  ltv: bigint;
  liquidationThreshold: bigint;
  liquidationBonus: bigint;
  collateralBitmap: bigint;
  borrowableBitmap: bigint;
  ltvzeroBitmap: bigint;
};

/**
 * Reads a v3.2+ Pool's e-mode categories (every id whose liquidation threshold is above 0) through
 * AaveLens, their bitmaps turned into flags per model reserve (bit `id` of each bitmap), and on v3.7 whether
 * each is isolated (`getIsEModeCategoryIsolated`); a v3.0 Pool through its reserves' assets
 * (readAaveV30EModeCategories).
 *
 * @param chain - a running chain.
 * @param parameters - the lens, the pool, the reserve id (`getReserveData(asset).id`) of each model reserve.
 * @returns the categories in id order.
 */
export async function readAaveEModeCategories(
  chain: Chain,
  parameters: {
    lens: Address;
    pool: Address;
    reserveIds: readonly number[];
    /** The Pool's profile: a v3.7 Pool is also asked whether each category is isolated. */
    profile?: AaveVersionProfile;
    /** The model reserves' assets: a v3.0 Pool is read through them (readAaveV30EModeCategories). */
    assets?: readonly Address[];
    blockNumber?: bigint;
  },
): Promise<AaveEModeCategory[]> {
  if (parameters.profile === "v3.0")
    return parameters.assets
      ? readAaveV30EModeCategories(chain, {
          pool: parameters.pool,
          assets: parameters.assets,
          ...(parameters.blockNumber !== undefined ? { blockNumber: parameters.blockNumber } : {}),
        })
      : [];
  const raw = (await chain.client.readContract({
    address: parameters.lens,
    abi: loadArtifact("lens/AaveLens").abi,
    functionName: "eModeCategories",
    args: [parameters.pool],
    ...(parameters.blockNumber !== undefined ? { blockNumber: parameters.blockNumber } : {}),
  })) as readonly LensCategory[];
  const flags = (bitmap: bigint) => parameters.reserveIds.map((id) => ((bitmap >> BigInt(id)) & 1n) === 1n);
  const isolated =
    parameters.profile === "v3.7"
      ? await Promise.all(
          raw.map(
            (c) =>
              chain.client.readContract({
                address: parameters.pool,
                abi: isolatedAbi,
                functionName: "getIsEModeCategoryIsolated",
                args: [Number(c.id)],
                ...(parameters.blockNumber !== undefined ? { blockNumber: parameters.blockNumber } : {}),
              }) as Promise<boolean>,
          ),
        )
      : raw.map(() => false);
  return raw.map((c, i) => ({
    id: Number(c.id),
    ltvBps: c.ltv,
    liquidationThresholdBps: c.liquidationThreshold,
    liquidationBonusBps: c.liquidationBonus,
    collateral: flags(c.collateralBitmap),
    borrowable: flags(c.borrowableBitmap),
    ltvzero: flags(c.ltvzeroBitmap),
    ...(isolated[i] ? { isolated: true } : {}),
  }));
}
