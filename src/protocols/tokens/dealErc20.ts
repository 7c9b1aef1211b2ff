import { type Address, encodeAbiParameters, type Hex, keccak256, numberToHex, parseAbi } from "viem";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import { NotADevNodeError } from "../../errors/NotADevNodeError.js";

const ERC20 = parseAbi([
  "function balanceOf(address) view returns (uint256)",
  "function approve(address, uint256) returns (bool)",
]);
const word = (v: bigint): Hex => numberToHex(v, { size: 32 });
/** Distinct from any plausible balance, below 2^255 (USDC keeps a blacklist flag in the top bit). */
const MARKER = 0x0d1c0d1c0d1c0d1c0d1c0d1c0d1c0d1cn;

/** Where a token keeps `balanceOf(holder)`: the mapping's slot and key order (Solidity or Vyper). */
export type BalanceSlot = { slot: bigint; vyper: boolean };

const slotIndex = (holder: Address, s: BalanceSlot): Hex =>
  keccak256(
    s.vyper
      ? encodeAbiParameters([{ type: "uint256" }, { type: "address" }], [s.slot, holder])
      : encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [holder, s.slot]),
  );

/**
 * Gives `holder` exactly `amount` of an ERC-20 by writing its balance in the token's storage (what
 * `deal` does in Foundry): the balance mapping's slot is found by probing slots 0–99 in both key orders,
 * each probe restored when `balanceOf` does not answer the marker. Works for any token with a plain balance
 * mapping (the replica's test tokens, WETH, USDC behind its proxy); rebasing or share-based tokens are
 * refused with a clear error. Total supply is not changed. With `spender`, `holder` then approves it for
 * everything (sent as `holder`, which must be impersonated). Only on a dev node or a fork.
 *
 * @param chain - a dev chain (replica or fork).
 * @param parameters - token, holder, amount, optional spender, and a slot cache shared across calls.
 * @returns the balance slot used.
 * @throws {NotADevNodeError} off a dev node; {DeploymentError} when no slot holds the balance.
 */
export async function dealErc20(
  chain: Chain,
  parameters: {
    token: Address;
    holder: Address;
    amount: bigint;
    spender?: Address;
    slots?: Map<string, BalanceSlot>;
  },
): Promise<BalanceSlot> {
  if (!chain.devNode)
    throw new NotADevNodeError("Refusing to write storage: the node was not proven to be a dev node.");
  const { token, holder, amount } = parameters;
  const balanceOf = () =>
    chain.client.readContract({ address: token, abi: ERC20, functionName: "balanceOf", args: [holder] });
  const key = token.toLowerCase();
  let found = parameters.slots?.get(key);
  for (let slot = 0n; !found && slot < 100n; slot++)
    for (const vyper of [false, true]) {
      const index = slotIndex(holder, { slot, vyper });
      const before = await chain.client.getStorageAt({ address: token, slot: index });
      await chain.client.setStorageAt({ address: token, index, value: word(MARKER) });
      if ((await balanceOf()) === MARKER) {
        found = { slot, vyper };
        break;
      }
      await chain.client.setStorageAt({ address: token, index, value: before ?? word(0n) });
    }
  if (!found)
    throw new DeploymentError(`Token ${token}: no storage slot 0–99 holds balanceOf; cannot fund accounts.`, {
      metaMessages: ["Rebasing or share-based tokens need their own funding; use plain ERC-20s here."],
    });
  parameters.slots?.set(key, found);
  await chain.client.setStorageAt({ address: token, index: slotIndex(holder, found), value: word(amount) });
  const got = await balanceOf();
  if (got !== amount)
    throw new DeploymentError(`Token ${token}: wrote ${amount} to the balance slot, balanceOf says ${got}.`);
  if (parameters.spender)
    await writeContract(chain, {
      from: holder,
      address: token,
      abi: ERC20,
      functionName: "approve",
      args: [parameters.spender, (1n << 256n) - 1n],
    });
  return found;
}
