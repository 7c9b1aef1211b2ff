import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { AaveEModeCategory } from "../../model/lending/aave/types.js";

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
 * AaveLens, their bitmaps turned into flags per model reserve (bit `id` of each bitmap). A v3.0 Pool has
 * none.
 *
 * @param chain - a running chain.
 * @param parameters - the lens, the pool, the reserve id (`getReserveData(asset).id`) of each model reserve.
 * @returns the categories in id order.
 */
export async function readAaveEModeCategories(
  chain: Chain,
  parameters: { lens: Address; pool: Address; reserveIds: readonly number[]; blockNumber?: bigint },
): Promise<AaveEModeCategory[]> {
  const raw = (await chain.client.readContract({
    address: parameters.lens,
    abi: loadArtifact("lens/AaveLens").abi,
    functionName: "eModeCategories",
    args: [parameters.pool],
    ...(parameters.blockNumber !== undefined ? { blockNumber: parameters.blockNumber } : {}),
  })) as readonly LensCategory[];
  const flags = (bitmap: bigint) => parameters.reserveIds.map((id) => ((bitmap >> BigInt(id)) & 1n) === 1n);
  return raw.map((c) => ({
    id: Number(c.id),
    ltvBps: c.ltv,
    liquidationThresholdBps: c.liquidationThreshold,
    liquidationBonusBps: c.liquidationBonus,
    collateral: flags(c.collateralBitmap),
    borrowable: flags(c.borrowableBitmap),
    ltvzero: flags(c.ltvzeroBitmap),
  }));
}
