import type { Address } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import type { Chain } from "../../chain/types.js";

/**
 * Deploys a replica test token (open mint) with the scenario's symbol and decimals.
 *
 * @param chain - a running dev chain.
 * @param parameters - deployer, symbol, decimals.
 * @returns the token address.
 */
export async function deployTestToken(
  chain: Chain,
  parameters: { from: Address; symbol: string; decimals: number },
): Promise<Address> {
  return await deployContract(chain, {
    from: parameters.from,
    artifact: "tokens/TestERC20",
    args: [`DLCM ${parameters.symbol}`, parameters.symbol, parameters.decimals],
  });
}
