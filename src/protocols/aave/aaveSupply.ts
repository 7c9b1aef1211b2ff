import { type Address, encodeFunctionData, parseAbi, type TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import type { BlockTransaction } from "../../chain/sendBlock.js";
import type { MarketAction } from "../../model/cascade/types.js";
import type { ObservedAction } from "../types.js";

const POOL_ABI = parseAbi([
  "function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)",
  "event Supply(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint16 indexed referralCode)",
]);

type SupplyAction = Extract<MarketAction, { kind: "supply" }>;

/**
 * A margin top-up on chain: `Pool.supply(asset, amount, onBehalfOf, 0)` from the account that received the
 * bridged tokens (the trader, who approved the pool at deployment), the aTokens minted to the borrower.
 *
 * @param action - the model's supply.
 * @param parameters - the pool, the sender, the asset and the borrower.
 */
export function aaveSupplyTransaction(
  action: SupplyAction,
  parameters: { pool: Address; from: Address; asset: Address; onBehalfOf: Address },
): BlockTransaction {
  return {
    from: parameters.from,
    to: parameters.pool,
    gas: 500_000n,
    data: encodeFunctionData({
      abi: POOL_ABI,
      functionName: "supply",
      args: [parameters.asset, action.amount, parameters.onBehalfOf, 0],
    }),
  };
}

/** The Pool's Supply event against the model's amount and borrower ("none" when it is missing). */
export function observeAaveSupply(
  receipt: TransactionReceipt,
  action: SupplyAction,
  parameters: { pool: Address; onBehalfOf: Address },
): ObservedAction {
  const event = receipt.logs
    .filter((log) => log.address.toLowerCase() === parameters.pool.toLowerCase())
    .map((log) => decodeKnownLog(POOL_ABI, log))
    .find((e) => e?.eventName === "Supply");
  const got = event?.args as { onBehalfOf: Address; amount: bigint } | undefined;
  return {
    expected: { amount: String(action.expected.amount), onBehalfOf: parameters.onBehalfOf.toLowerCase() },
    got: got
      ? { amount: String(got.amount), onBehalfOf: got.onBehalfOf.toLowerCase() }
      : { amount: "none", onBehalfOf: "none" },
  };
}
