import type { ChainRace } from "../harness/chainLoop/types.js";
import type { ModelReport } from "../model/runModel.js";
import { escapeHtml } from "./html/renderHtmlReport.js";

const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;
const gwei = (wei: bigint | string) => (Number(BigInt(wei)) / 1e9).toFixed(2);

/**
 * The model report's liquidation race (liquidators.bots): per bot what it sent, won, lost and paid, and
 * how the base fee moved with the bots' gas.
 *
 * @param report - a model report with `race`.
 * @returns Markdown lines.
 */
export function renderRaceMarkdown(report: ModelReport): string[] {
  const bots = report.race!.bots;
  const fees = report.rounds.flatMap((r) => (r.race ? [r.race.baseFeeWei] : []));
  const dropped = bots.reduce((n, b) => n + b.dropped, 0);
  const peak = fees.reduce((m, f) => (BigInt(f) > BigInt(m) ? f : m), fees[0] ?? 0n);
  return [
    "## Liquidation race",
    "",
    `${bots.length} bots plan on the same state each block; the block is ordered by tip and holds what fits in its gas room; a transaction whose position another bot took first reverts and still pays gas. Base fee ${gwei(fees[0] ?? 0n)} → peak ${gwei(peak)} gwei (EIP-1559 on the model's gas); ${dropped} planned transactions did not fit a block.`,
    "",
    "| bot | funding | sent | won | reverted | dropped | gas | gas cost | sale less debt |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...bots.map(
      (b) =>
        `| ${b.id} | ${b.inventory ? "own capital" : "flash loan"} | ${b.sent} | ${b.won} | ${b.reverted} | ${b.dropped} | ${b.gasUsed.toLocaleString("en-US")} | ${usd(b.gasCostUsd)} | ${usd(b.grossProfitUsd)} |`,
    ),
    ...bots.flatMap((b) =>
      b.inventory
        ? [
            "",
            `${b.id} repays from its own contract's inventory, at most what it holds; at the end its contracts hold (units): ${holdings(b.inventory)}.`,
          ]
        : [],
    ),
  ];
}

/** A bot's inventories as text: `market: amount SYMBOL, …`. */
function holdings(inventory: Record<string, Record<string, string>>): string {
  return Object.entries(inventory)
    .map(
      ([market, held]) =>
        `${market}: ${Object.entries(held)
          .map(([s, v]) => `${v} ${s}`)
          .join(", ")}`,
    )
    .join("; ");
}

/**
 * The run report's race on chain beside the model's: per bot the chain's wins, reverts and measured gas,
 * and per block whether the node's fee order gave the model's winners and reverts.
 *
 * @param chain - the chain's race.
 * @param model - the model's race totals.
 * @returns Markdown lines (ending with a blank line).
 */
export function renderRaceOnChain(chain: ChainRace, model: NonNullable<ModelReport["race"]>): string[] {
  return [
    "### Liquidation race on chain",
    "",
    `The node (fee-ordered mempool) mined the bots' transactions, handed to it lowest tip first: in ${chain.agreed} of ${chain.blocks} blocks the order, the winners and the reverted attempts were the model's; ${chain.gasPriceMismatches} transactions paid another gas price than the model's base fee + tip. Gas: the chain's measured gas beside the model's per-attempt figures.`,
    "",
    "| bot | sent (chain / model) | won | reverted | gas (chain / model) | gas cost on chain |",
    "|---|---:|---:|---:|---:|---:|",
    ...chain.bots.map((b, i) => {
      const m = model.bots[i]!;
      return `| ${b.id} | ${b.sent} / ${m.sent} | ${b.won} / ${m.won} | ${b.reverted} / ${m.reverted} | ${BigInt(b.gasUsed).toLocaleString("en-US")} / ${m.gasUsed.toLocaleString("en-US")} | ${usd(b.gasCostUsd)} |`;
    }),
    "",
    ...chain.bots.flatMap((b, i) =>
      b.inventory
        ? [
            `${b.id}'s contracts hold on chain (units): ${holdings(b.inventory)}; ${JSON.stringify(b.inventory) === JSON.stringify(model.bots[i]!.inventory) ? "the model's inventory" : `the model says ${holdings(model.bots[i]!.inventory ?? {})}`}.`,
            "",
          ]
        : [],
    ),
    calibration(chain),
    ...(chain.disagreements.length
      ? [
          "",
          ...chain.disagreements
            .slice(0, 10)
            .map((d) => `- block ${d.block}: model \`${d.model}\`, chain \`${d.chain}\``),
        ]
      : []),
    "",
  ];
}

/** The chain's mean gas per liquidation and per reverted attempt: what the scenario's figures would be to match it. */
function calibration(chain: ChainRace): string {
  let won = 0;
  let reverted = 0;
  let gasWon = 0n;
  let gasReverted = 0n;
  for (const b of chain.bots) {
    won += b.won;
    reverted += b.reverted;
    gasWon += BigInt(b.gasUsed) - BigInt(b.gasUsedReverted);
    gasReverted += BigInt(b.gasUsedReverted);
  }
  const mean = (gas: bigint, n: number) => (n ? Math.round(Number(gas) / n).toLocaleString("en-US") : "—");
  return `On this chain a liquidation used ${mean(gasWon, won)} gas on average and a reverted attempt ${mean(gasReverted, reverted)}: set \`liquidators.gasPerLiquidation\` and \`liquidators.block.failedAttemptGas\` to these for the model's gas to follow this chain's.`;
}

/**
 * The race as a section of report.html: per bot its funding, what it sent, won, lost and dropped, the
 * model's gas, and beside them — for a run — the chain's counts, measured gas and the capital bots'
 * holdings read off the chain.
 *
 * @param model - the model's race totals and rounds (a model report with `race`).
 * @param chain - the chain's race, for a run report.
 * @returns HTML.
 */
export function renderRaceHtml(model: ModelReport, chain?: ChainRace): string {
  const bots = model.race!.bots;
  const fees = model.rounds.flatMap((r) => (r.race ? [r.race.baseFeeWei] : []));
  const peak = fees.reduce((m, f) => (BigInt(f) > BigInt(m) ? f : m), fees[0] ?? 0n);
  const head = [
    "bot",
    "funding",
    "sent",
    "won",
    "reverted",
    "dropped",
    "gas (model)",
    ...(chain ? ["sent, won, reverted on chain", "gas on chain"] : []),
    "sale less debt",
    "held at the end (units)",
  ];
  const rows = bots.map((b, i) => {
    const c = chain?.bots[i];
    const cells = [
      b.id,
      b.inventory ? "own capital" : "flash loan",
      String(b.sent),
      String(b.won),
      String(b.reverted),
      String(b.dropped),
      b.gasUsed.toLocaleString("en-US"),
      ...(c
        ? [`${c.sent}, ${c.won}, ${c.reverted}`, BigInt(c.gasUsed).toLocaleString("en-US")]
        : chain
          ? ["—", "—"]
          : []),
      usd(b.grossProfitUsd),
      b.inventory
        ? `${holdings(b.inventory)}${c?.inventory ? (JSON.stringify(c.inventory) === JSON.stringify(b.inventory) ? " (chain: the same)" : ` (chain: ${holdings(c.inventory)})`) : ""}`
        : "—",
    ];
    return `<tr>${cells.map((x) => `<td>${escapeHtml(x)}</td>`).join("")}</tr>`;
  });
  const intro = `${bots.length} bots plan on the same state each block; the block goes by tip within its gas room; a transaction whose position another bot took first reverts and still pays gas. Base fee ${gwei(fees[0] ?? 0n)} → peak ${gwei(peak)} gwei.${chain ? ` On chain, ${chain.agreed} of ${chain.blocks} race blocks had the model's order, winners and reverts.` : ""}`;
  return `<p>${escapeHtml(intro)}</p><table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>${rows.join("")}</table>`;
}
