import type { Address } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import type { Chain } from "../../chain/types.js";
import { toUnits } from "../../model/math/toUnits.js";
import type { Scenario } from "../../model/scenario/schema.js";
import { type BalanceSlot, dealErc20 } from "../tokens/dealErc20.js";
import type { AddressBook } from "../types.js";

type BotSpec = NonNullable<Scenario["liquidators"]["bots"]>[number];

/**
 * Each competing bot's own liquidator contract on every Aave market of the book (a `CascadeLiquidator` bound
 * to that Pool, deployed by the deployer), funded with the bot's capital (`liquidators.bots[].capital`,
 * written into the tokens' balances, on a dev node or a fork only) when it has some: the bots then send to
 * their own contracts, and a bot with capital repays from its contract's inventory. Deployed after the
 * session's reset, before the state is read, so every variant gets the same addresses.
 *
 * @param chain - the dev chain or fork the book is on.
 * @param parameters - the address book and the scenario's bots.
 * @returns the book with `aave[market].bots`, one contract per bot in the bots' order.
 */
export async function deployAaveBotLiquidators(
  chain: Chain,
  parameters: { book: AddressBook; bots: readonly BotSpec[] },
): Promise<AddressBook> {
  const { book, bots } = parameters;
  const slots = new Map<string, BalanceSlot>();
  const aave: AddressBook["aave"] = {};
  for (const [market, addresses] of Object.entries(book.aave)) {
    const contracts: Address[] = [];
    for (const bot of bots) {
      const contract = await deployContract(chain, {
        from: book.roles.deployer,
        artifact: "aave/CascadeLiquidator",
        args: [addresses.pool],
      });
      for (const [symbol, amount] of Object.entries(bot.capital ?? {})) {
        const token = book.tokens[symbol];
        if (!token) continue;
        await dealErc20(chain, {
          token: token.address,
          holder: contract,
          amount: toUnits(amount, token.decimals),
          slots,
        });
      }
      contracts.push(contract);
    }
    aave[market] = { ...addresses, bots: contracts };
  }
  return { ...book, aave };
}
