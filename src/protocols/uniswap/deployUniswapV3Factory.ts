import type { Address } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { ARTIFACTS } from "../artifactIds.js";

/**
 * Deploys the Uniswap V3 factory from the npm artifact (its pool init-code hash equals mainnet's, so
 * periphery libraries compute the same pool addresses). Fee tiers 500, 3000 and 10000 come enabled; 100
 * (tick spacing 1) is enabled here too, as on mainnet since 2021.
 *
 * @param chain - a running dev chain.
 * @param from - the deployer (factory owner).
 * @returns the factory address.
 */
export async function deployUniswapV3Factory(chain: Chain, from: Address): Promise<Address> {
  const factory = await deployContract(chain, { from, artifact: ARTIFACTS.uniswapV3Factory });
  await writeContract(chain, {
    from,
    address: factory,
    abi: loadArtifact(ARTIFACTS.uniswapV3Factory).abi,
    functionName: "enableFeeAmount",
    args: [100, 1],
  });
  return factory;
}
