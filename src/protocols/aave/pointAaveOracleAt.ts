import type { Address } from "viem";
import { impersonate } from "../../chain/impersonate.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { ARTIFACTS } from "../artifactIds.js";

/**
 * Points AaveOracle at new price sources by calling `setAssetSources` as the market's pool admin
 * (impersonated: the replica's deployer, or the governance executor on a fork). This is how DLCM's shock
 * reaches Aave on a fork: the assets' sources become our settable aggregators.
 *
 * @param chain - a dev chain (replica or fork).
 * @param parameters - the AaveOracle, the pool admin, and asset → feed.
 */
export async function pointAaveOracleAt(
  chain: Chain,
  parameters: { oracle: Address; poolAdmin: Address; sources: { asset: Address; feed: Address }[] },
): Promise<void> {
  await impersonate(chain, parameters.poolAdmin);
  await writeContract(chain, {
    from: parameters.poolAdmin,
    address: parameters.oracle,
    abi: loadArtifact(ARTIFACTS.aaveOracle).abi,
    functionName: "setAssetSources",
    args: [parameters.sources.map((s) => s.asset), parameters.sources.map((s) => s.feed)] as never,
  });
}
