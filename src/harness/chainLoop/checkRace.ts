import type { TransactionReceipt } from "viem";
import { raceOf, type SentAction } from "./buildBlockTransactions.js";
import type { ChainBotTotals, ChainLoop } from "./types.js";

/**
 * Checks one block of the liquidation race (liquidators.bots) against the model: the node mined the bots'
 * transactions in the model's order (its fee order: tip, then arrival), each won or reverted as the model
 * said, and each paid the model's gas price, base fee + tip, to the wei. Adds every bot transaction's
 * measured gas and cost to its bot's chain totals.
 *
 * @param loop - the chain loop (its `race`, created on the first race block).
 * @param parameters - the block, its receipts with their actions (any order: the model's is the actions'
 *   index, the chain's the receipts' place), its base fee, and the bots' ids.
 */
export function checkRace(
  loop: ChainLoop,
  parameters: {
    block: number;
    receipts: readonly TransactionReceipt[];
    sent: readonly SentAction[];
    baseFeeWei: bigint;
    botIds: readonly string[];
  },
): void {
  const { block, receipts, sent, baseFeeWei, botIds } = parameters;
  loop.race ??= {
    bots: botIds.map((id) => ({
      id,
      sent: 0,
      won: 0,
      reverted: 0,
      gasUsed: "0",
      gasUsedReverted: "0",
      gasCostUsd: 0,
    })),
    blocks: 0,
    agreed: 0,
    gasPriceMismatches: 0,
    disagreements: [],
  };
  const race = loop.race;
  const ethUsd = loop.oracleUsd.get(loop.parameters.initial.underlying.symbol) ?? 0;
  const model: { index: number; label: string }[] = [];
  const mined: { index: number; label: string }[] = [];
  receipts.forEach((receipt, i) => {
    const tag = raceOf(sent[i]!.action);
    if (!tag) return;
    model.push({ index: sent[i]!.index, label: `${tag.botId}:${tag.reverted ? "reverted" : "won"}` });
    const won = receipt.status === "success";
    mined.push({
      index: Number(receipt.blockNumber) * 1e6 + receipt.transactionIndex,
      label: `${tag.botId}:${won ? "won" : "reverted"}`,
    });
    const bot: ChainBotTotals = race.bots[tag.bot]!;
    bot.sent++;
    if (won) bot.won++;
    else bot.reverted++;
    bot.gasUsed = String(BigInt(bot.gasUsed) + receipt.gasUsed);
    if (!won) bot.gasUsedReverted = String(BigInt(bot.gasUsedReverted) + receipt.gasUsed);
    bot.gasCostUsd += Number(receipt.gasUsed * receipt.effectiveGasPrice) * 1e-18 * ethUsd;
    if (receipt.effectiveGasPrice !== baseFeeWei + tag.priorityFeeWei) race.gasPriceMismatches++;
  });
  if (model.length === 0) return;
  race.blocks++;
  const inOrder = (list: { index: number; label: string }[]) =>
    list
      .sort((a, b) => a.index - b.index)
      .map((m) => m.label)
      .join(" ");
  const chain = inOrder(mined);
  const expected = inOrder(model);
  if (chain === expected) race.agreed++;
  else if (race.disagreements.length < 50) race.disagreements.push({ block, model: expected, chain });
}
