import type { Address } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";

/**
 * Deploys this chain's end of a bridge for one replica token (contracts/bridge/HaltableBridge.sol): the
 * deployer is its relayer and its guardian; the trader, who arbitrages through it, approves it.
 *
 * @param chain - a local dev chain (the replica).
 * @param parameters - the token, the deployer and the trader.
 * @returns the bridge's address.
 */
export async function deployBridge(
  chain: Chain,
  parameters: { token: Address; deployer: Address; trader: Address },
): Promise<Address> {
  const { token, deployer, trader } = parameters;
  const bridge = await deployContract(chain, {
    from: deployer,
    artifact: "bridge/HaltableBridge",
    args: [token, deployer, deployer],
  });
  await writeContract(chain, {
    from: trader,
    address: token,
    abi: loadArtifact("tokens/TestERC20").abi,
    functionName: "approve",
    args: [bridge, (1n << 256n) - 1n],
  });
  return bridge;
}
