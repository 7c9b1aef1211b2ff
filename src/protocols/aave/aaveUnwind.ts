import { type Address, encodeFunctionData, parseAbi, type TransactionReceipt, zeroAddress } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { BlockTransaction } from "../../chain/sendBlock.js";
import type { CascadeAction } from "../../model/cascade/types.js";
import type { AddressBook, ObservedAction } from "../types.js";
import { aaveSaleRoute } from "./aaveSaleRoute.js";

type UnwindAction = Extract<CascadeAction, { kind: "unwindATokens" }>;

const WITHDRAW = parseAbi([
  "event Withdraw(address indexed reserve, address indexed user, address indexed to, uint256 amount)",
]);

/**
 * Our liquidator's unwinding of aTokens it took (`CascadeLiquidator.unwind`): the withdrawal's amount
 * (type(uint256).max: all it holds) and the sale's route, the pools as the model's sale took them.
 *
 * @param action - the model's unwind.
 * @param parameters - the address book, the market's liquidator contract, the sender.
 * @returns the transaction.
 */
export function aaveUnwindTransaction(
  action: UnwindAction,
  parameters: { book: AddressBook; liquidator: Address; from: Address },
): BlockTransaction {
  const { book } = parameters;
  const job = {
    collateral: book.tokens[action.asset]!.address,
    debt: book.tokens[action.proceedsAsset]!.address,
    user: zeroAddress,
    ...aaveSaleRoute(book, action),
    debtToCover: 0n,
  };
  return {
    from: parameters.from,
    to: parameters.liquidator,
    // A sale whose slippage bound is loose (unwindMaxSlippageBps up to 100%) can cross a thin pool's
    // every tick: 3M, a liquidation's limit, ran out in the wstETH pool (2,507 wstETH at once).
    gas: 12_000_000n,
    data: encodeFunctionData({
      abi: loadArtifact("aave/CascadeLiquidator").abi,
      functionName: "unwind",
      args: [job, action.amount],
    }),
  };
}

/**
 * An unwind as the chain reports it: what left the reserve from the Pool's own Withdraw event (user: our
 * liquidator), what the sale fetched from the liquidator's Unwind event.
 *
 * @param receipt - the unwind's receipt.
 * @param action - the model's unwind.
 * @param addresses - the Pool and our liquidator.
 * @returns expected and got.
 */
export function observeAaveUnwind(
  receipt: TransactionReceipt,
  action: UnwindAction,
  addresses: { pool: Address; liquidator: Address },
): ObservedAction {
  const pool = addresses.pool.toLowerCase();
  const liquidator = addresses.liquidator.toLowerCase();
  const liquidatorAbi = loadArtifact("aave/CascadeLiquidator").abi;
  let withdrawn: bigint | undefined;
  let proceeds: bigint | undefined;
  for (const log of receipt.logs) {
    const from = log.address.toLowerCase();
    if (from === pool) {
      const event = decodeKnownLog(WITHDRAW, log, true);
      if (event?.eventName === "Withdraw" && String(event.args.user).toLowerCase() === liquidator)
        withdrawn = event.args.amount as bigint;
    } else if (from === liquidator) {
      const event = decodeKnownLog(liquidatorAbi, log);
      if (event?.eventName === "Unwind") proceeds = event.args.proceeds as bigint;
    }
  }
  return {
    expected: {
      withdrawn: String(action.expected.withdrawn),
      saleProceeds: String(action.expected.saleProceeds),
    },
    got: { withdrawn: String(withdrawn ?? "none"), saleProceeds: String(proceeds ?? "none") },
  };
}
