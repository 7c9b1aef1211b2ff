import { type Address, parseAbi, stringToHex } from "viem";
import { impersonate } from "../../chain/impersonate.js";
import { roleAddress } from "../../chain/roleAddress.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { mintTestToken } from "../tokens/mintTestToken.js";

const PROVIDER_ABI = parseAbi(["function setAddress(bytes32 id, address newAddress)"]);
const POOL_ABI = parseAbi([
  "function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)",
]);

/**
 * Aave's Umbrella on the replica: an account registered in the PoolAddressesProvider under `UMBRELLA` (the
 * Pool's `onlyUmbrella` reads it there) that supplies its stakes, so it holds the aTokens
 * `eliminateReserveDeficit` burns. Umbrella's own staking contracts are not on npm; what the Pool does
 * with the call is the package's code. Run while the reserves are at 1 ray (the scaled stake is the amount).
 *
 * @param chain - the replica.
 * @param parameters - the provider (owned by the deployer), the pool, and each stake (asset, amount).
 * @returns the Umbrella's address, or undefined without stakes.
 */
export async function stakeAaveUmbrella(
  chain: Chain,
  parameters: {
    marketId: string;
    addressesProvider: Address;
    pool: Address;
    deployer: Address;
    stakes: readonly { asset: Address; amount: bigint }[];
  },
): Promise<Address | undefined> {
  if (parameters.stakes.length === 0) return undefined;
  const umbrella = roleAddress(`umbrella:${parameters.marketId}`);
  await impersonate(chain, umbrella);
  await writeContract(chain, {
    from: parameters.deployer,
    address: parameters.addressesProvider,
    abi: PROVIDER_ABI,
    functionName: "setAddress",
    args: [stringToHex("UMBRELLA", { size: 32 }), umbrella],
  });
  for (const stake of parameters.stakes) {
    await mintTestToken(chain, {
      token: stake.asset,
      to: umbrella,
      amount: stake.amount,
      spender: parameters.pool,
    });
    await writeContract(chain, {
      from: umbrella,
      address: parameters.pool,
      abi: POOL_ABI,
      functionName: "supply",
      args: [stake.asset, stake.amount, umbrella, 0],
    });
  }
  return umbrella;
}
