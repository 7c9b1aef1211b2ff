import { type Address, parseAbi } from "viem";
import type { Chain } from "../../chain/types.js";
import { ModelInputError } from "../../errors/ModelInputError.js";
import type { AaveEModeCategory } from "../../model/lending/aave/types.js";

const abi = parseAbi([
  "function getConfiguration(address asset) view returns ((uint256 data))",
  "function getEModeCategoryData(uint8 id) view returns ((uint16 ltv, uint16 liquidationThreshold, uint16 liquidationBonus, address priceSource, string label))",
]);

/**
 * Reads a v3.0 Pool's e-mode categories: each model reserve's category from its configuration (bits
 * 168–175), then each category's terms (`getEModeCategoryData`), its reserves as both its collateral and
 * its borrowable flags (v3.0 puts a reserve in one category for both). A category with a price source is
 * refused: the model prices every asset at its own oracle.
 *
 * @param chain - a running chain.
 * @param parameters - the pool and the model reserves' assets.
 * @returns the categories in id order.
 * @throws {ModelInputError} naming the category when it has a price source.
 */
export async function readAaveV30EModeCategories(
  chain: Chain,
  parameters: { pool: Address; assets: readonly Address[]; blockNumber?: bigint },
): Promise<AaveEModeCategory[]> {
  const at = parameters.blockNumber !== undefined ? { blockNumber: parameters.blockNumber } : {};
  const ids: number[] = [];
  for (const asset of parameters.assets) {
    const config = (await chain.client.readContract({
      address: parameters.pool,
      abi,
      functionName: "getConfiguration",
      args: [asset],
      ...at,
    })) as { data: bigint };
    ids.push(Number((config.data >> 168n) & 0xffn));
  }
  const out: AaveEModeCategory[] = [];
  for (const id of [...new Set(ids.filter((i) => i !== 0))].sort((a, b) => a - b)) {
    const c = (await chain.client.readContract({
      address: parameters.pool,
      abi,
      functionName: "getEModeCategoryData",
      args: [id],
      ...at,
    })) as { ltv: number; liquidationThreshold: number; liquidationBonus: number; priceSource: Address };
    if (c.priceSource !== "0x0000000000000000000000000000000000000000")
      throw new ModelInputError(
        `Aave v3.0 e-mode category ${id} prices its assets at ${c.priceSource}: e-mode price sources are not mirrored; leave its reserves out of the scenario.`,
      );
    const members = ids.map((x) => x === id);
    out.push({
      id,
      ltvBps: BigInt(c.ltv),
      liquidationThresholdBps: BigInt(c.liquidationThreshold),
      liquidationBonusBps: BigInt(c.liquidationBonus),
      collateral: members,
      borrowable: members,
      ltvzero: members.map(() => false),
    });
  }
  return out;
}
