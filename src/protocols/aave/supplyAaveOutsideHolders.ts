import type { Address } from "viem";
import type { Chain } from "../../chain/types.js";
import type { AaveMarketModel } from "../../model/cascade/types.js";
import type { AaveMarketAddresses, AddressBook } from "../types.js";
import { deployAaveStaticATokens } from "./deployAaveStaticATokens.js";
import { stakeAaveUmbrella } from "./stakeAaveUmbrella.js";

/**
 * What holders outside the book supply to an Aave market before it is seeded, while its reserves are at
 * 1 ray: the static aTokens other markets hold (deployed, deposited into, and added to the address book's
 * tokens) and the Umbrella's stakes.
 *
 * @param chain - the replica.
 * @param parameters - the market model, the address book's tokens (extended here), the reserves' aTokens,
 *   the pool and provider, the accounts.
 * @returns the static aTokens by symbol, the Umbrella's address, and per reserve what they supplied
 *   (the depositor supplies that much less).
 */
export async function supplyAaveOutsideHolders(
  chain: Chain,
  parameters: {
    market: AaveMarketModel;
    tokens: AddressBook["tokens"];
    reserves: AaveMarketAddresses["reserves"];
    pool: Address;
    addressesProvider: Address;
    deployer: Address;
    depositor: Address;
  },
): Promise<{ staticATokens: Record<string, Address>; umbrella: Address | undefined; supplied: bigint[] }> {
  const { market, tokens, deployer } = parameters;
  const staticATokens = await deployAaveStaticATokens(chain, {
    marketId: market.id,
    pool: parameters.pool,
    deployer,
    depositor: parameters.depositor,
    reserves: market.reserves.map((r) => ({
      symbol: r.symbol,
      asset: tokens[r.symbol]!.address,
      aToken: parameters.reserves[r.symbol]!.aToken,
    })),
    tokens: market.staticATokens ?? [],
  });
  // StataTokenV2's decimals are its asset's.
  for (const t of market.staticATokens ?? [])
    tokens[t.symbol] = { address: staticATokens[t.symbol]!, decimals: market.reserves[t.reserve]!.decimals };
  const umbrella = await stakeAaveUmbrella(chain, {
    marketId: market.id,
    addressesProvider: parameters.addressesProvider,
    pool: parameters.pool,
    deployer,
    stakes: (market.umbrella ?? []).map((u) => ({
      asset: tokens[market.reserves[u.reserve]!.symbol]!.address,
      amount: u.scaledBalance,
    })),
  });
  const supplied = market.reserves.map(() => 0n);
  for (const t of market.staticATokens ?? []) supplied[t.reserve]! += t.scaledBalance;
  for (const u of market.umbrella ?? []) supplied[u.reserve]! += u.scaledBalance;
  return { staticATokens, umbrella, supplied };
}
