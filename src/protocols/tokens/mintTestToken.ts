import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";

/**
 * Mints replica test tokens to `to` and, when `spender` is given, approves it for everything `to` holds
 * (sent from `to`, which must be unlocked or impersonated).
 *
 * @param chain - a running dev chain.
 * @param parameters - token, recipient, amount, optional spender.
 */
export async function mintTestToken(
  chain: Chain,
  parameters: { token: Address; to: Address; amount: bigint; spender?: Address },
): Promise<void> {
  const { abi } = loadArtifact("tokens/TestERC20");
  await writeContract(chain, {
    from: parameters.to,
    address: parameters.token,
    abi,
    functionName: "mint",
    args: [parameters.to, parameters.amount],
  });
  if (parameters.spender)
    await writeContract(chain, {
      from: parameters.to,
      address: parameters.token,
      abi,
      functionName: "approve",
      args: [parameters.spender, (1n << 256n) - 1n],
    });
}
