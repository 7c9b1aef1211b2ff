import { type Address, parseEther } from "viem";
import { NotADevNodeError } from "../errors/NotADevNodeError.js";
import type { Chain } from "./types.js";

/**
 * Lets the harness send transactions as `address` (a protocol's admin on a fork, a role account on the
 * replica) and gives it gas money. Only on a node proven to be a dev node at start (createChain).
 *
 * @param chain - a running dev chain.
 * @param address - the account to act as.
 * @param balanceWei - ETH balance to set when it has less; default 1,000 ETH.
 * @throws {NotADevNodeError} when the chain was not proven to be a dev node.
 * @example await impersonate(chain, aclAdmin);
 */
export async function impersonate(
  chain: Chain,
  address: Address,
  balanceWei: bigint = parseEther("1000"),
): Promise<void> {
  if (!chain.devNode)
    throw new NotADevNodeError("Refusing to impersonate: the node was not proven to be a dev node.");
  if (!chain.impersonated.has(address)) {
    await chain.client.impersonateAccount({ address });
    chain.impersonated.add(address);
  }
  if ((await chain.client.getBalance({ address })) < balanceWei)
    await chain.client.setBalance({ address, value: balanceWei });
}
