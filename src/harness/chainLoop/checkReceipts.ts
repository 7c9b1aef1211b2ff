import type { TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import { decodeV2Swap } from "../../protocols/uniswap/decodeV2Swap.js";
import { actionLabel } from "./actionLabel.js";
import type { SentAction } from "./buildBlockTransactions.js";
import { checkAction } from "./checkAction.js";
import type { ChainLoop, ChainRound } from "./types.js";

/**
 * Checks a mined block's receipts against the model, action by action, and adds up the round: gas,
 * reverts, hedge volume, liquidations with the debt they repaid (USD at the oracle) and the collateral
 * they sold.
 *
 * @param loop - the chain loop (its counters and mismatch list grow).
 * @param round - the block's round, filled in.
 * @param receipts - the block's receipts, in the order sent.
 * @param sent - the actions sent, in the same order.
 * @returns the block's gas.
 */
export function checkReceipts(
  loop: ChainLoop,
  round: ChainRound,
  receipts: readonly TransactionReceipt[],
  sent: readonly SentAction[],
): bigint {
  const underlying = loop.parameters.initial.underlying.symbol;
  let gas = 0n;
  receipts.forEach((receipt, i) => {
    const { index, action } = sent[i]!;
    gas += receipt.gasUsed;
    round.transactions.push({
      action: index,
      kind: actionLabel(action),
      hash: receipt.transactionHash,
      status: receipt.status,
      gasUsed: String(receipt.gasUsed),
    });
    // A market action's receipt is decoded once, here: for the check and for the round's statistics.
    const observed =
      receipt.status === "success" &&
      (action.kind === "liquidationCall" ||
        action.kind === "absorb" ||
        action.kind === "buyCollateral" ||
        action.kind === "unwindATokens" ||
        action.kind === "reserveConfig" ||
        action.kind === "eliminateDeficit" ||
        action.kind === "supply")
        ? loop.markets.get(action.market)!.observe(receipt, action, loop.observeContext)
        : undefined;
    const mismatch = checkAction(loop, receipt, action, index, observed);
    if (receipt.status !== "success") round.reverted++;
    if (mismatch) {
      loop.counts.mismatched++;
      if (loop.mismatches.length < 200) loop.mismatches.push(mismatch);
    } else loop.counts.exact++;
    if (receipt.status !== "success") return;
    if (
      (action.kind === "swap" || action.kind === "swapV2") &&
      (action.purpose === "hedge" || action.purpose === "unwind")
    ) {
      const u = loop.reference.model.underlyingIsToken0 ? action.expected.amount0 : action.expected.amount1;
      round.hedgeVolumeUnderlying += Math.abs(Number(u)) / 10 ** loop.decimalsOf(underlying);
    }
    if ((action.kind === "swap" || action.kind === "swapV2") && action.purpose === "backstop-sale")
      addBackstopSale(loop, receipt, action.poolId);
    const done = observed?.liquidated;
    if (done) {
      round.liquidations += done.count;
      round.liquidatedDebtUsd += done.debtUsd;
      round.collateralSoldUnderlying += done.underlyingSold;
    }
  });
  return gas;
}

/**
 * A safety module's sale as its pool's Swap event shows it: the token it sold and the quote it raised, added
 * to its market's tally (what the market's fund on chain grows by).
 */
function addBackstopSale(loop: ChainLoop, receipt: TransactionReceipt, poolId: string): void {
  const module = loop.parameters.initial.safetyModules?.find((m) => m.poolId === poolId);
  if (!module) return;
  const tally = loop.backstops.get(module.market)!;
  const model = loop.parameters.initial.pools.find((p) => p.id === poolId)!;
  const add = (amount0: bigint, amount1: bigint) => {
    const [base, quote] = model.underlyingIsToken0 ? [amount0, amount1] : [amount1, amount0];
    tally.sold += base;
    tally.raised += -quote;
  };
  const pair = loop.book.uniswapV2?.pools[poolId];
  if (pair) {
    const v2 = decodeV2Swap(receipt.logs, pair.address);
    if (v2) add(v2.amount0, v2.amount1);
    return;
  }
  const pool = loop.book.uniswapV3.pools[poolId];
  for (const log of receipt.logs) {
    if (!pool || log.address.toLowerCase() !== pool.address.toLowerCase()) continue;
    const event = decodeKnownLog(loop.abis.pool, log);
    if (event?.eventName !== "Swap") continue;
    const { amount0, amount1 } = event.args as unknown as { amount0: bigint; amount1: bigint };
    add(amount0, amount1);
  }
}
