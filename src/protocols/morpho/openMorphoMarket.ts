import type { Address, Hex } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { MORPHO_ARTIFACTS } from "../artifactIds.js";
import { type MorphoMarketParamsOnChain, morphoMarketId } from "./morphoMarketId.js";

export type OpenMorphoMarketParameters = {
  morpho: Address;
  owner: Address;
  params: MorphoMarketParamsOnChain;
  /** The market's fee (WAD, at most 0.25e18); absent or 0: none. */
  fee?: bigint;
};

/**
 * Creates a Morpho Blue market through the owner's real paths: its IRM and LLTV enabled when they are not
 * yet, `createMarket`, then `setFee`.
 *
 * @returns the market's id.
 */
export async function openMorphoMarket(chain: Chain, parameters: OpenMorphoMarketParameters): Promise<Hex> {
  const { morpho, owner, params } = parameters;
  const { abi } = loadArtifact(MORPHO_ARTIFACTS.morpho);
  const read = (functionName: "isIrmEnabled" | "isLltvEnabled", arg: Address | bigint) =>
    chain.client.readContract({ address: morpho, abi, functionName, args: [arg] }) as Promise<boolean>;
  if (!(await read("isIrmEnabled", params.irm)))
    await writeContract(chain, {
      from: owner,
      address: morpho,
      abi,
      functionName: "enableIrm",
      args: [params.irm],
    });
  if (!(await read("isLltvEnabled", params.lltv)))
    await writeContract(chain, {
      from: owner,
      address: morpho,
      abi,
      functionName: "enableLltv",
      args: [params.lltv],
    });
  await writeContract(chain, {
    from: owner,
    address: morpho,
    abi,
    functionName: "createMarket",
    args: [params],
  });
  const id = morphoMarketId(params);
  if ((parameters.fee ?? 0n) !== 0n)
    await writeContract(chain, {
      from: owner,
      address: morpho,
      abi,
      functionName: "setFee",
      args: [params, parameters.fee],
    });
  return id;
}
