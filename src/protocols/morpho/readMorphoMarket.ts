import { type Address, type Hex, parseAbi } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { MorphoMarket, MorphoPosition } from "../../model/lending/morpho/types.js";
import { MORPHO_ARTIFACTS } from "../artifactIds.js";

export type ReadMorphoMarketReturnType = { market: MorphoMarket; positions: MorphoPosition[] };

const RATE_AT_TARGET_ABI = parseAbi(["function rateAtTarget(bytes32 id) view returns (int256)"]);

/**
 * A Morpho Blue market's stored state and these accounts' positions, as the model holds them; with
 * `adaptiveIrm`, the market's `rateAtTarget` in that AdaptiveCurveIrm's storage (else 0).
 */
export async function readMorphoMarket(
  chain: Chain,
  parameters: { morpho: Address; id: Hex; accounts: readonly Address[]; adaptiveIrm?: Address | undefined },
): Promise<ReadMorphoMarketReturnType> {
  const { morpho, id, accounts, adaptiveIrm } = parameters;
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
    rateAtTarget:
      adaptiveIrm === undefined
        ? 0n
        : await chain.client.readContract({
            address: adaptiveIrm,
            abi: RATE_AT_TARGET_ABI,
            functionName: "rateAtTarget",
            args: [id],
          }),
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
