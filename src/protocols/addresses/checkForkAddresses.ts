import type { Address } from "viem";
import type { Chain } from "../../chain/types.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import type { ForkAddresses } from "../types.js";

/**
 * Pre-flight of fork mode: every contract the address book names (tokens, each Aave market's Pool,
 * addresses provider, ACL manager, configurator, oracle, data provider, the Uniswap factory and pools) must
 * and each Comet hold code on the fork, or nothing is edited and the error lists each missing one by its field — a wrong
 * chain, block or address file shows up here, not as a revert deep inside a read. Accounts (pool admin,
 * treasury) are not contracts and are not checked.
 *
 * @param chain - the fork.
 * @param addresses - the protocol addresses to check.
 * @throws {DeploymentError} naming every field whose address has no code at the fork's block.
 * @example await checkForkAddresses(chain, resolveMainnetForkAddresses(scenario));
 */
export async function checkForkAddresses(chain: Chain, addresses: ForkAddresses): Promise<void> {
  const named: [string, Address][] = [
    ...Object.entries(addresses.tokens).map(([s, t]) => [`tokens.${s}`, t.address] as [string, Address]),
    ...Object.entries(addresses.aave).flatMap(([id, m]) =>
      (
        ["pool", "addressesProvider", "aclManager", "poolConfigurator", "oracle", "dataProvider"] as const
      ).map((field) => [`aave.${id}.${field}`, m[field]] as [string, Address]),
    ),
    ...Object.entries(addresses.compound ?? {}).flatMap(([id, m]) => [
      [`compound.${id}.comet`, m.comet] as [string, Address],
      [`compound.${id}.configurator`, m.configurator] as [string, Address],
    ]),
    ["uniswapV3.factory", addresses.uniswapV3.factory],
    ...Object.entries(addresses.uniswapV3.pools).map(
      ([id, p]) => [`uniswapV3.pools.${id}`, p.address] as [string, Address],
    ),
  ];
  const codes = await Promise.all(named.map(([, address]) => chain.client.getCode({ address })));
  const missing = named.filter((_, i) => !codes[i] || codes[i] === "0x");
  if (!missing.length) return;
  const block = await chain.client.getBlockNumber();
  throw new DeploymentError(
    `${missing.length} of the address book's ${named.length} contracts have no code on this fork at block ${block}: wrong chain, block or address file.`,
    {
      metaMessages: [
        ...missing.map(([field, address]) => `- ${field}: no contract at ${address}`),
        "Check the chain and block of --fork-url/--fork-block, or the file given to --addresses.",
      ],
      docsPath: "#fork-mode-the-protocols-own-contracts-and-borrowers",
    },
  );
}
