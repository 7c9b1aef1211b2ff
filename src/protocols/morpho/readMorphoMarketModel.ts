import type { Address } from "viem";
import { parseAbi } from "viem";
import type { Chain } from "../../chain/types.js";
import type { MorphoMarketModel } from "../../model/cascade/types.js";
import type { MorphoMarketAddresses } from "../types.js";
import { readMorphoMarket } from "./readMorphoMarket.js";

const VAULT_ABI = parseAbi(["function convertToAssets(uint256 shares) view returns (uint256)"]);

/**
 * A Morpho Blue market read back off the chain in the model's shape: its stored totals, fee and the IRM's rate
 * at target, `lastUpdate` in seconds relative to the latest block (the model's clock starts there), and each
 * borrower's position, in the model's order; the rest (symbols, LLTV, the book's opening) from `base`.
 */
export async function readMorphoMarketModel(
  chain: Chain,
  parameters: { addresses: MorphoMarketAddresses; accounts: readonly Address[]; base: MorphoMarketModel },
): Promise<MorphoMarketModel> {
  const { addresses, accounts, base } = parameters;
  const read = await readMorphoMarket(chain, {
    morpho: addresses.morpho,
    id: addresses.id,
    accounts,
    adaptiveIrm: addresses.adaptiveIrm,
  });
  const { timestamp } = await chain.client.getBlock();
  // A wrapped collateral's worth, as the oracle reads it now.
  const wrapper = base.wrapper
    ? {
        ...base.wrapper,
        assetsOfSample: (await chain.client.readContract({
          address: addresses.params.collateralToken,
          abi: VAULT_ABI,
          functionName: "convertToAssets",
          args: [base.wrapper.sampleShares],
        })) as bigint,
      }
    : undefined;
  return {
    ...base,
    ...(wrapper ? { wrapper } : {}),
    market: { ...read.market, lastUpdate: read.market.lastUpdate - timestamp },
    positions: read.positions.map((p, i) => ({ id: base.positions[i]!.id, ...p })),
  };
}
