import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  parseAbi,
} from "viem";
import type { Chain } from "../../chain/types.js";

const V33 = parseAbi(["function getReserveDeficit(address asset) view returns (uint256)"]);

/**
 * Which Aave V3 liquidation rules a deployed Pool runs, by feature: v3.3 added per-reserve deficit
 * accounting (`getReserveDeficit`) together with the close factor on total debt and the dust rule, so a
 * Pool that answers it runs the "v3.3" profile; one that reverts (v3.0–v3.2, as in `@aave/core-v3`) runs
 * "v3.0". The model is then run with the same profile as the chain's code.
 *
 * @param chain - a chain (replica or fork).
 * @param parameters - the Pool and any listed reserve asset.
 * @returns "v3.0" or "v3.3".
 */
export async function detectAaveProfile(
  chain: Chain,
  parameters: { pool: Address; asset: Address },
): Promise<"v3.0" | "v3.3"> {
  try {
    await chain.client.readContract({
      address: parameters.pool,
      abi: V33,
      functionName: "getReserveDeficit",
      args: [parameters.asset],
    });
    return "v3.3";
  } catch (error) {
    // Only "no such function" means v3.0; a node or network failure must not pick the wrong rules.
    const absent =
      error instanceof BaseError &&
      error.walk(
        (e) => e instanceof ContractFunctionRevertedError || e instanceof ContractFunctionZeroDataError,
      );
    if (absent) return "v3.0";
    throw error;
  }
}
