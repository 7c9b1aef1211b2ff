import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { ARTIFACTS } from "../artifactIds.js";

/**
 * Sets Aave V3 supply and borrow caps (whole tokens; 0 = none) through the PoolConfigurator, as the pool
 * or risk admin. The pool checks caps on supply and borrow only: positions already above a cap stay, and
 * liquidations are not bound by it.
 *
 * @param chain - a dev chain on which `admin` can send (impersonated on a fork).
 * @param parameters - configurator, admin, and per asset its caps; a cap of 0 is left unset.
 * @example await setAaveReserveCaps(chain, { poolConfigurator, admin, caps: [{ asset: weth, supplyCap: 1000n, borrowCap: 0n }] });
 */
export async function setAaveReserveCaps(
  chain: Chain,
  parameters: {
    poolConfigurator: Address;
    admin: Address;
    caps: readonly { asset: Address; supplyCap: bigint; borrowCap: bigint }[];
  },
): Promise<void> {
  const abi = loadArtifact(ARTIFACTS.aavePoolConfigurator).abi;
  for (const { asset, supplyCap, borrowCap } of parameters.caps)
    for (const [functionName, cap] of [
      ["setSupplyCap", supplyCap],
      ["setBorrowCap", borrowCap],
    ] as const)
      if (cap > 0n)
        await writeContract(chain, {
          from: parameters.admin,
          address: parameters.poolConfigurator,
          abi,
          functionName,
          args: [asset, cap],
        });
}
