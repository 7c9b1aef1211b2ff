import type { TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import type { CascadeAction } from "../../model/cascade/types.js";
import type { ObservedAction } from "../../protocols/types.js";
import { decodeV2Swap, type V2SwapOnChain } from "../../protocols/uniswap/decodeV2Swap.js";
import { actionLabel } from "./actionLabel.js";
import { raceOf } from "./buildBlockTransactions.js";
import type { ActionMismatch, ChainLoop } from "./types.js";

/**
 * Compares one receipt with the model's prediction: a v3 swap's Swap event (amounts and price after), a v2
 * swap's deltas and reserves, a market action's results (a liquidation's repaid debt, seized collateral,
 * protocol fee and sale proceeds; an absorb's or storefront buy's amounts), decoded by its market's chain
 * implementation from the protocol's own events.
 *
 * @param loop - the chain loop (address book, ABIs, markets).
 * @param receipt - the mined transaction.
 * @param action - what the model did.
 * @param index - the action's index in the script.
 * @param observed - a market action's receipt as its market already decoded it (observe), when the caller has it.
 * @returns the mismatch, or undefined when exact.
 */
export function checkAction(
  loop: ChainLoop,
  receipt: TransactionReceipt,
  action: CascadeAction,
  index: number,
  observed?: ObservedAction,
): ActionMismatch | undefined {
  const base = { action: index, block: action.block, kind: actionLabel(action) };
  // What the model says reverts (a competing bot that lost, a top-up's bridgeIn after the halt) must
  // revert on chain too.
  const race = raceOf(action);
  const reverts = race?.reverted ?? (action.kind === "bridge" ? action.reverts : undefined);
  if (reverts) {
    if (receipt.status !== "success") return undefined;
    const who = race ? `${race.botId}'s transaction` : "the top-up's bridgeIn";
    return {
      ...base,
      detail: `${who} succeeded on chain; the model says it reverts (${reverts})`,
      expected: { status: "reverted", reason: reverts },
      got: { status: receipt.status, hash: receipt.transactionHash },
    };
  }
  if (receipt.status !== "success")
    return {
      ...base,
      detail: "reverted on chain",
      expected: {},
      got: { status: receipt.status, hash: receipt.transactionHash },
    };
  if (action.kind === "swap") {
    const pool = loop.book.uniswapV3.pools[action.poolId]!.address.toLowerCase();
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== pool) continue;
      const event = decodeKnownLog(loop.abis.pool, log);
      if (event?.eventName !== "Swap") continue;
      const a = event.args as unknown as { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint };
      const e = action.expected;
      if (a.amount0 === e.amount0 && a.amount1 === e.amount1 && a.sqrtPriceX96 === e.sqrtPriceX96)
        return undefined;
      return {
        ...base,
        detail: "swap result differs from the model",
        expected: {
          amount0: String(e.amount0),
          amount1: String(e.amount1),
          sqrtPriceX96: String(e.sqrtPriceX96),
        },
        got: { amount0: String(a.amount0), amount1: String(a.amount1), sqrtPriceX96: String(a.sqrtPriceX96) },
      };
    }
    return { ...base, detail: "no Swap event", expected: {}, got: {} };
  }
  if (action.kind === "swapV2") {
    const got = decodeV2Swap(receipt.logs, loop.book.uniswapV2!.pools[action.poolId]!.address);
    if (!got) return { ...base, detail: "no Swap/Sync event from the pair", expected: {}, got: {} };
    const e = action.expected;
    if (
      got.amount0 === e.amount0 &&
      got.amount1 === e.amount1 &&
      got.reserve0 === e.reserve0 &&
      got.reserve1 === e.reserve1
    )
      return undefined;
    const text = (v: V2SwapOnChain) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
    return { ...base, detail: "v2 swap result differs from the model", expected: text(e), got: text(got) };
  }
  if (action.kind === "oracle" || action.kind === "blockFee") return undefined;
  if (action.kind === "backstopFund") {
    const token = loop.book.tokens[action.asset]!.address.toLowerCase();
    const to = loop.book.harness.daoBackstop!.toLowerCase();
    const got = receipt.logs
      .filter((log) => log.address.toLowerCase() === token)
      .map((log) => decodeKnownLog(loop.abis.erc20, log))
      .find((e) => e?.eventName === "Transfer" && String((e.args as { to: string }).to).toLowerCase() === to);
    const value = (got?.args as { value: bigint } | undefined)?.value;
    if (value === action.amount) return undefined;
    return {
      ...base,
      detail: "the fund's transfer differs from the model",
      expected: { amount: String(action.amount) },
      got: { amount: value === undefined ? "none" : String(value) },
    };
  }
  const seen =
    action.kind === "bridge"
      ? loop.bridges.get(action.asset)!.observe(receipt, action)
      : (observed ?? loop.markets.get(action.market)!.observe(receipt, action, loop.observeContext));
  if (JSON.stringify(seen.expected) === JSON.stringify(seen.got)) return undefined;
  return {
    ...base,
    detail: `${actionLabel(action)}${"positionId" in action ? ` of ${action.positionId}` : ""} differs from the model`,
    expected: seen.expected,
    got: seen.got,
  };
}
