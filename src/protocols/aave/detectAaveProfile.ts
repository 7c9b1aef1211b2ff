import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  parseAbi,
} from "viem";
import type { Chain } from "../../chain/types.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { AaveVersionProfile } from "../../model/lending/aave/types.js";

const POOL = parseAbi([
  "function POOL_REVISION() view returns (uint256)",
  "function getReserveDeficit(address asset) view returns (uint256)",
]);

/** POOL_REVISION of the code the model mirrors: @aave/core-v3 1.19.3 says 1, aave-v3-origin 3.6.0 says 10. */
const REVISIONS: Record<string, AaveVersionProfile> = { "1": "v3.0", "10": "v3.6", "11": "v3.7" };

/**
 * Which Aave V3 liquidation code a deployed Pool runs, by the revision it reports (`POOL_REVISION()`,
 * 1 for v3.0, 10 for v3.6), so the model runs the same rules as the chain. A Pool of another revision
 * (v3.0.1–v3.5, v3.7+) runs rules the model does not mirror to the wei: it is refused, not run with the
 * wrong ones.
 *
 * @param chain - a chain (replica or fork).
 * @param parameters - the Pool.
 * @returns "v3.0", "v3.6" or "v3.7".
 * @throws {DeploymentError} naming the revision when the model does not mirror it.
 */
export async function detectAaveProfile(
  chain: Chain,
  parameters: { pool: Address },
): Promise<AaveVersionProfile> {
  let revision: bigint;
  try {
    revision = await chain.client.readContract({
      address: parameters.pool,
      abi: POOL,
      functionName: "POOL_REVISION",
    });
  } catch (error) {
    // Only "no such function" is an answer; a node or network failure must not pick the wrong rules.
    const absent =
      error instanceof BaseError &&
      error.walk(
        (e) => e instanceof ContractFunctionRevertedError || e instanceof ContractFunctionZeroDataError,
      );
    if (!absent) throw error;
    throw new DeploymentError(`The Aave Pool at ${parameters.pool} does not report POOL_REVISION().`, {
      metaMessages: ["Is this an Aave V3 Pool? Check the address list (--addresses)."],
    });
  }
  const profile = REVISIONS[revision.toString()];
  if (profile === undefined)
    throw new DeploymentError(
      `The Aave Pool at ${parameters.pool} runs POOL_REVISION ${revision}, whose liquidation rules the model does not mirror.`,
      {
        metaMessages: [
          "Mirrored: revision 1 (v3.0, @aave/core-v3 1.19.3), revision 10 (v3.6, aave-v3-origin 3.6.0) and revision 11 (v3.7, aave-v3-origin at its v3.7.0 merge).",
          "Fork at a block where the Pool runs one of them (--fork-block), or run the replica.",
        ],
      },
    );
  return profile;
}
