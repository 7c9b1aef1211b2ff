import type { Address, Hex } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { MorphoMarket, MorphoPosition } from "../../model/lending/morpho/types.js";
import { MORPHO_ARTIFACTS } from "../artifactIds.js";

export type ReadMorphoMarketReturnType = { market: MorphoMarket; positions: MorphoPosition[] };

/** A Morpho Blue market's stored state and these accounts' positions, as the model holds them. */
export async function readMorphoMarket(
  chain: Chain,
  parameters: { morpho: Address; id: Hex; accounts: readonly Address[] },
): Promise<ReadMorphoMarketReturnType> {
  const { morpho, id, accounts } = parameters;
  const { abi } = loadArtifact(MORPHO_ARTIFACTS.morpho);
  const m = (await chain.client.readContract({
    address: morpho,
    abi,
    functionName: "market",
    args: [id],
  })) as readonly bigint[];
  const market: MorphoMarket = {
    totalSupplyAssets: m[0]!,
    totalSupplyShares: m[1]!,
    totalBorrowAssets: m[2]!,
    totalBorrowShares: m[3]!,
    lastUpdate: m[4]!,
    fee: m[5]!,
  };
  const positions: MorphoPosition[] = [];
  for (const account of accounts) {
    const p = (await chain.client.readContract({
      address: morpho,
      abi,
      functionName: "position",
      args: [id, account],
    })) as readonly bigint[];
    positions.push({ supplyShares: p[0]!, borrowShares: p[1]!, collateral: p[2]! });
  }
  return { market, positions };
}
