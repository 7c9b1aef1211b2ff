import { encodeFunctionData } from "viem";
import type { BlockTransaction } from "../../chain/sendBlock.js";
import type { CascadeAction } from "../../model/cascade/types.js";
import type { ChainLoop } from "./types.js";

/**
 * The DAO fund's transactions: its funding (the trader transfers the fund's size of its stablecoin to the
 * DaoBackstop contract) and its buys (the owner calls `buy` with the model's pool call, paid from the
 * contract's own balance); undefined on a chain without the contract.
 *
 * @param loop - the chain loop (address book, ABIs).
 * @param action - the funding, or a swap with actor "dao-backstop".
 * @returns the transaction.
 */
export function daoBackstopTransaction(
  loop: ChainLoop,
  action: Extract<CascadeAction, { kind: "backstopFund" | "swap" }>,
): BlockTransaction | undefined {
  const { book } = loop;
  const backstop = book.harness.daoBackstop;
  if (!backstop) return undefined;
  if (action.kind === "backstopFund") {
    const token = book.tokens[action.asset];
    if (!token) return undefined;
    return {
      from: book.roles.trader,
      to: token.address,
      gas: 200_000n,
      data: encodeFunctionData({
        abi: loop.abis.erc20,
        functionName: "transfer",
        args: [backstop, action.amount],
      }),
    };
  }
  return {
    from: book.roles.deployer,
    to: backstop,
    gas: 5_000_000n,
    data: encodeFunctionData({
      abi: loop.abis.daoBackstop,
      functionName: "buy",
      args: [
        book.uniswapV3.pools[action.poolId]!.address,
        action.zeroForOne,
        action.amountSpecified,
        action.sqrtPriceLimitX96,
      ],
    }),
  };
}
