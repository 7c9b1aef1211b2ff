import type { Address } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { MORPHO_ARTIFACTS } from "../artifactIds.js";

export type DeployMorphoBlueParameters = {
  /** The owner (enables IRMs and LLTVs, sets fees) and the fee recipient. */
  owner: Address;
  feeRecipient: Address;
};

/**
 * Deploys Morpho Blue as built from its npm source, owned by `owner`, with its fee recipient set and the
 * zero IRM (address(0): no interest) enabled, as on mainnet.
 *
 * @returns the Morpho contract's address.
 */
export async function deployMorphoBlue(
  chain: Chain,
  parameters: DeployMorphoBlueParameters,
): Promise<Address> {
  const { owner, feeRecipient } = parameters;
  const morpho = await deployContract(chain, {
    from: owner,
    artifact: MORPHO_ARTIFACTS.morpho,
    args: [owner],
  });
  const { abi } = loadArtifact(MORPHO_ARTIFACTS.morpho);
  await writeContract(chain, {
    from: owner,
    address: morpho,
    abi,
    functionName: "setFeeRecipient",
    args: [feeRecipient],
  });
  await writeContract(chain, {
    from: owner,
    address: morpho,
    abi,
    functionName: "enableIrm",
    args: ["0x0000000000000000000000000000000000000000"],
  });
  return morpho;
}
