import type { Address } from "viem";
import { impersonate } from "../chain/impersonate.js";
import { roleAddress } from "../chain/roleAddress.js";
import type { Chain } from "../chain/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { AddressBook } from "../protocols/types.js";

/**
 * The accounts that act in a scenario (deterministic addresses per role), the ones that send
 * transactions impersonated on the dev node: the trader, market makers and liquidators always, and the LP
 * and the depositor where the harness seeds liquidity (the replica).
 *
 * @param chain - a dev node (replica or fork).
 * @param parameters - the scenario, the deployer (the node's first account), whether LP and depositor act.
 * @returns the roles of the address book.
 */
export async function createRoles(
  chain: Chain,
  parameters: { scenario: Scenario; deployer: Address; seeding: boolean },
): Promise<AddressBook["roles"]> {
  const { scenario } = parameters;
  const roles: AddressBook["roles"] = {
    deployer: parameters.deployer,
    lp: roleAddress("lp"),
    depositor: roleAddress("depositor"),
    trader: roleAddress("trader"),
    marketMakers: Object.fromEntries(scenario.optionBooks.map((b) => [b.id, roleAddress(`mm:${b.id}`)])),
    liquidators: Array.from({ length: liquidatorAccounts(scenario) }, (_, i) =>
      roleAddress(`liquidator:${i}`),
    ),
  };
  const seeders = parameters.seeding ? [roles.lp, roles.depositor] : [];
  for (const address of [
    ...seeders,
    roles.trader,
    ...Object.values(roles.marketMakers),
    ...roles.liquidators,
  ])
    await impersonate(chain, address);
  return roles;
}

/** How many liquidator accounts a scenario's chain needs: one per competing bot, at least `liquidators.count`. */
export function liquidatorAccounts(scenario: Scenario): number {
  return Math.max(scenario.liquidators.count, scenario.liquidators.bots?.length ?? 0);
}
