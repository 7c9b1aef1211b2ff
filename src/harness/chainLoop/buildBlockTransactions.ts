import { type Address, encodeFunctionData } from "viem";
import type { BlockTransaction } from "../../chain/sendBlock.js";
import type { CascadeAction, RaceTag } from "../../model/cascade/types.js";
import { compareBigint } from "../../model/math/compareBigint.js";
import { daoBackstopTransaction } from "./daoBackstopTransaction.js";
import type { ChainLoop } from "./types.js";

/** An action sent, with its index in the model's script. */
export type SentAction = { index: number; action: CascadeAction };

/**
 * The transactions of one model block, in the model's order: swaps through PoolSwapper from the trader's
 * or the market maker's account, oracle rounds on our settable feeds, liquidations through each market's
 * chain implementation. Actions on pools, feeds or markets that are not on this chain are counted as
 * model-only (their sales' effect on the reference pool is still expected, so the paths stay comparable).
 *
 * @param loop - the chain loop (updates `expectedRef`, the oracle maps and the counters).
 * @param entries - the block's actions with their indices.
 * @returns what was sent, and the transactions in the same order.
 */
export function buildBlockTransactions(
  loop: ChainLoop,
  entries: readonly SentAction[],
): { sent: SentAction[]; transactions: BlockTransaction[]; baseFeeWei?: bigint } {
  const { book } = loop;
  const sent: SentAction[] = [];
  const transactions: BlockTransaction[] = [];
  // With competing bots the block has a base fee and the node orders it by tip: what the harness sends
  // before the bots (swaps, oracle rounds) bids above every bot, what follows them (storefront sales) 0.
  const fee = entries.find((e) => e.action.kind === "blockFee")?.action;
  const baseFeeWei = fee?.kind === "blockFee" ? fee.baseFeeWei : undefined;
  let harnessTip = 0n;
  for (const { action } of entries) {
    const tip = raceOf(action)?.priorityFeeWei;
    if (tip !== undefined && tip >= harnessTip) harnessTip = tip + 1_000_000_000n;
  }
  let afterBots = false;
  for (const entry of entries) {
    if (entry.action.kind === "blockFee") continue;
    const built = transactionFor(loop, entry.action);
    if (!built) {
      loop.counts.modelOnly++;
      continue;
    }
    const race = raceOf(entry.action);
    if (race) afterBots = true;
    if (baseFeeWei !== undefined)
      built.transaction.priorityFeeWei = race ? race.priorityFeeWei : afterBots ? 0n : harnessTip;
    transactions.push(built.transaction);
    sent.push({ index: entry.index, action: built.checked });
  }
  if (baseFeeWei !== undefined) submitBotsLowestTipFirst(sent, transactions);
  return { sent, transactions, ...(baseFeeWei !== undefined ? { baseFeeWei } : {}) };

  /** The transaction for an action and the action it is checked against (itself, or a sale standing in). */
  function transactionFor(
    loop: ChainLoop,
    action: CascadeAction,
  ): { transaction: BlockTransaction; checked: CascadeAction } | undefined {
    const own = sendable(loop, action);
    if (own) return { transaction: own, checked: action };
    // A market that does not run here: its storefront sale still moves the pool, as a plain swap.
    if (action.kind === "buyCollateral" && action.sale) {
      const sale = sendable(loop, action.sale);
      if (sale) return { transaction: sale, checked: action.sale };
    }
    return undefined;
  }

  function sendable(loop: ChainLoop, action: CascadeAction): BlockTransaction | undefined {
    const trader = (actor: string) =>
      actor === "trader" ? book.roles.trader : book.roles.marketMakers[actor]!;
    const swapperCall = (
      from: Address,
      gas: bigint,
      functionName: "swap" | "swapV2",
      args: readonly unknown[],
    ) => ({
      from,
      to: book.harness.swapper,
      gas,
      data: encodeFunctionData({ abi: loop.abis.swapper, functionName, args } as Parameters<
        typeof encodeFunctionData
      >[0]),
    });
    const ref = loop.reference;
    if (action.kind === "swap") {
      const pool = book.uniswapV3.pools[action.poolId];
      if (!pool) return undefined;
      if (action.poolId === ref.model.id) loop.expectedRef = ref.withSqrt(action.expected.sqrtPriceX96);
      // The DAO's fund buys from its own contract, called by its owner.
      if (action.actor === "dao-backstop") return daoBackstopTransaction(loop, action);
      const from = trader(action.actor);
      return swapperCall(from, 5_000_000n, "swap", [
        pool.address,
        action.zeroForOne,
        action.amountSpecified,
        action.sqrtPriceLimitX96,
        from,
      ]);
    }
    if (action.kind === "swapV2") {
      const pair = book.uniswapV2?.pools[action.poolId];
      if (!pair) return undefined;
      if (action.poolId === ref.model.id)
        loop.expectedRef = ref.withReserves(action.expected.reserve0, action.expected.reserve1);
      const from = trader(action.actor);
      return swapperCall(from, 1_000_000n, "swapV2", [
        pair.address,
        action.zeroForOne,
        action.amountIn,
        from,
      ]);
    }
    if (action.kind === "oracle") {
      loop.oracleUsd.set(action.symbol, Number(action.priceE8) / 1e8);
      loop.oracleE8.set(action.symbol, action.priceE8);
      const feed = book.feeds[action.symbol];
      if (!feed) return undefined;
      return {
        from: book.roles.deployer,
        to: feed,
        gas: 200_000n,
        data: encodeFunctionData({ abi: loop.abis.feed, functionName: "setAnswer", args: [action.priceE8] }),
      };
    }
    if (action.kind === "blockFee") return undefined;
    if (action.kind === "bridge") return loop.bridges.get(action.asset)?.transaction(action);
    // A market action: a liquidation (or a storefront buy) sells on the liquidators' pool (not when the
    // model says it reverts).
    if (action.kind === "backstopFund") return daoBackstopTransaction(loop, action);
    if (
      (action.kind === "liquidationCall" ||
        action.kind === "buyCollateral" ||
        action.kind === "unwindATokens") &&
      !raceOf(action)?.reverted &&
      action.salePoolId === ref.model.id
    ) {
      const after = action.expected;
      if (after.saleReservesAfter) loop.expectedRef = ref.withReserves(...after.saleReservesAfter);
      else if (after.saleSqrtPriceX96After !== 0n)
        loop.expectedRef = ref.withSqrt(after.saleSqrtPriceX96After);
    }
    const market = loop.markets.get(action.market);
    // A competing bot sends from its own account; the rest take turns.
    const race = raceOf(action);
    const from = race
      ? book.roles.liquidators[race.bot]!
      : book.roles.liquidators[loop.liquidatorTurn % book.roles.liquidators.length]!;
    const transaction = market?.transaction(action, from);
    if (!transaction) return undefined;
    if (!race) loop.liquidatorTurn++;
    // What the model liquidated on this chain's markets: a liquidation's repaid debt, an absorb's debt.
    const liquidated = race?.reverted
      ? undefined
      : action.kind === "liquidationCall"
        ? { amount: action.expected.debtRepaid, symbol: action.debt }
        : action.kind === "absorb"
          ? { amount: action.debt, symbol: action.base }
          : undefined;
    if (liquidated) {
      loop.modelLiquidations++;
      loop.modelValueLiquidatedUsd +=
        (Number(liquidated.amount) / 10 ** loop.decimalsOf(liquidated.symbol)) *
        (loop.oracleUsd.get(liquidated.symbol) ?? 0);
    }
    return transaction;
  }
}

/** A competing bot's tag on an action (liquidators.bots), if any. */
export function raceOf(action: CascadeAction): RaceTag | undefined {
  return action.kind === "liquidationCall" || action.kind === "absorb" ? action.race : undefined;
}

/**
 * The bots' transactions are handed to the node lowest tip first (equal tips in the model's bot order,
 * each bot's own in its order), so the block's order by tip is the node's doing, not the harness's: a node
 * mining in arrival order would mine them against the model's order, and the race check would say so.
 */
function submitBotsLowestTipFirst(sent: SentAction[], transactions: BlockTransaction[]): void {
  const at = sent.flatMap((s, i) => (raceOf(s.action) ? [i] : []));
  const order = at
    .map((i, k) => ({ i, k, race: raceOf(sent[i]!.action)! }))
    .sort(
      (a, b) =>
        compareBigint(a.race.priorityFeeWei, b.race.priorityFeeWei) || a.race.bot - b.race.bot || a.k - b.k,
    );
  const s0 = order.map((o) => sent[o.i]!);
  const t0 = order.map((o) => transactions[o.i]!);
  at.forEach((i, k) => {
    sent[i] = s0[k]!;
    transactions[i] = t0[k]!;
  });
}
