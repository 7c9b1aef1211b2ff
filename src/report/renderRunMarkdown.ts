import type { RunReport } from "../harness/runScenarioOnChain.js";
import { renderForkMarkdown } from "./renderForkMarkdown.js";
import { renderModelMarkdown } from "./renderModelMarkdown.js";
import { renderRaceOnChain } from "./renderRaceMarkdown.js";

const usd = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;

/**
 * The human report of `dlcm run`: what the chain did, how it compares with the model, then the model's
 * own report (thresholds included).
 *
 * @param report - the run report.
 * @param charts - file names of the charts written beside it.
 * @returns Markdown.
 */
export function renderRunMarkdown(
  report: RunReport,
  charts: {
    chainPrice?: string;
    chainFunds?: string;
    model: { price: string; flows: string; losses: string };
  },
): string {
  const lines: string[] = [`# DLCM run: ${report.scenario.name}`, "", report.scenario.description, ""];
  if (report.error)
    lines.push(
      // Every line of the error inside the quote (a message's hints come on lines of their own).
      ...`**The run stopped early** during *${report.error.phase}*: ${report.error.message}`
        .split("\n")
        .map((line) => (line.trim() ? `> ${line}` : ">")),
      ">",
      "> Everything measured before that point is below.",
      "",
    );
  if (report.replay)
    lines.push(
      `## Replay of \`${report.replay.file}\` (${report.replay.asset})`,
      "",
      ...report.replay.notes.map((n) => `- ${n}`),
      ...(report.replay.sources.length
        ? ["", "Sources, as the file gives them:", "", ...report.replay.sources.map((s) => `> ${s}`)]
        : []),
      "",
    );
  if (report.fork) lines.push(...renderForkMarkdown(report.fork));
  const chain = report.chain;
  const cmp = report.comparison;
  if (chain && cmp) {
    const t = chain.totals;
    lines.push(
      `## On chain (${chain.backend}, chain id ${chain.chainId})`,
      "",
      `${report.fork ? "The fork's own protocol contracts and state" : "Real protocol bytecode (Aave V3 v3.0 from `@aave/core-v3`, v3.6 from `@aave-dao/aave-v3-origin`'s source; Comet from its pinned upstream source where fetched; Uniswap V3 and V2 from npm)"}; oracle rounds, hedges and liquidations executed as transactions, one chain block per model block.`,
      "",
      `| | chain | model |`,
      `|---|---:|---:|`,
      `| transactions | ${cmp.actions.executed} (${cmp.actions.exact} exact to the wei) | ${cmp.actions.total} actions |`,
      `| Liquidations and absorbs | ${t.liquidations} | ${t.modelLiquidations} |`,
      `| value liquidated (debt repaid or absorbed) | ${usd(t.valueLiquidatedUsd)} | ${usd(t.modelValueLiquidatedUsd)} |`,
      `| price start → end (low) | ${t.startPrice.toFixed(2)} → ${t.finalPrice.toFixed(2)} (${t.minPrice.toFixed(2)}) | ${cmp.totals.finalPrice!.model.toFixed(2)} (${cmp.totals.minPrice!.model.toFixed(2)}) |`,
      `| hedge volume (underlying) | ${t.hedgeVolumeUnderlying.toFixed(2)} | ${cmp.totals.hedgeVolumeUnderlying!.model.toFixed(2)} |`,
      `| max price difference per block | ${cmp.maxPriceDiffBps.toFixed(4)} bps | |`,
      `| positions still liquidatable at the end | ${t.liquidatableLeft} | |`,
      `| gas used | ${BigInt(t.gasUsed).toLocaleString("en-US")} | |`,
      "",
      ...(chain.race && report.model?.race ? renderRaceOnChain(chain.race, report.model.race) : []),
      "### Bad debt per protocol",
      "",
      "| protocol | chain | model | insurance fund | source |",
      "|---|---:|---:|---:|---|",
      ...Object.entries(t.badDebtByProtocol).map(
        ([id, l]) =>
          `| ${id} | ${usd(l.totalUsd)} | ${usd(cmp.badDebt[id]?.model ?? 0)} | ${usd(l.insuranceFundUsd)}${l.exceedsInsuranceFund ? " **exceeded**" : ""} | ${l.source} |`,
      ),
      "",
      "### Liquidity Absorption Capacity on the real pools (marginal, before the cascade)",
      "",
      "| pool | 5%: chain / model | 10%: chain / model |",
      "|---|---:|---:|",
      ...Object.entries(cmp.lac).map(
        ([id, l]) =>
          `| ${id} | ${l.at5.chain.toFixed(4)} / ${l.at5.model.toFixed(4)} | ${l.at10.chain.toFixed(4)} / ${l.at10.model.toFixed(4)} |`,
      ),
      "",
      `Oracle policy applied on the chain's side (fed by the pool price the chain showed after each block's shock and arbitrage): ${chain.oracleCheck.agreed} of ${chain.oracleCheck.agreed + chain.oracleCheck.disagreements.length} oracle-blocks agree with the model's rounds (${chain.oracleCheck.pushes} pushes over ${chain.oracleCheck.blocks} blocks)${
        chain.oracleCheck.disagreements.length
          ? `; first disagreements: ${chain.oracleCheck.disagreements
              .slice(0, 5)
              .map((d) => `block ${d.block} ${d.symbol} chain ${d.chain} vs model ${d.model}`)
              .join("; ")}`
          : ""
      }.`,
      "",
      ...renderScan(chain),
      ...(charts.chainFunds ? [`![insurance fund left: chain vs model](${charts.chainFunds})`, ""] : []),
      "### Why chain and model differ (or do not)",
      "",
      ...cmp.explanations.map((e) => `- ${e}`),
      ...(chain.modelOnly.length
        ? ["", "Model-only here:", ...chain.modelOnly.map((m) => `- ${m.id}: ${m.reason}`)]
        : []),
      ...(chain.mismatches.length
        ? [
            "",
            "### Mismatches (first 20)",
            "",
            ...chain.mismatches
              .slice(0, 20)
              .map(
                (m) =>
                  `- action ${m.action} (block ${m.block}, ${m.kind}): ${m.detail}; expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`,
              ),
          ]
        : []),
      "",
      ...(charts.chainPrice ? [`![chain vs model price](${charts.chainPrice})`, ""] : []),
    );
  }
  const ssf = report.chainSsf;
  if (ssf) {
    const pct = (x: number | null) => (x === null ? "none up to −99%" : `−${(x * 100).toFixed(2)}%`);
    const modelSsf = report.model?.thresholds.ssf;
    lines.push(
      "### Systemic Solvency Failure threshold: chain beside model",
      "",
      `- On chain: ${pct(ssf.shock)}${ssf.firstFailing ? ` (${ssf.firstFailing} fails first)` : ""}, a grid every ${(ssf.gridStep * 100).toFixed(1)} pp then each change of verdict bisected to ${(ssf.precision * 100).toFixed(2)} pp, ${ssf.probes.length} probes, each a full cascade from the snapshot. Failing: ${ssf.intervals.map((i) => (i.from === i.to ? pct(i.from) : `${pct(i.from)} to ${pct(i.to)}`)).join("; ") || "none"}${ssf.monotone ? "" : " (**not monotone** in depth)"}.`,
      `- Model: ${modelSsf ? `${pct(modelSsf.shock)}${modelSsf.firstFailing ? ` (${modelSsf.firstFailing})` : ""}, ${modelSsf.runs.length} probes, failing ${modelSsf.intervals.map((i) => (i.from === i.to ? pct(i.from) : `${pct(i.from)} to ${pct(i.to)}`)).join("; ") || "nowhere"}` : "not searched"}.`,
      `- Probes where chain and model disagree on failure: ${ssf.disagreements.length ? ssf.disagreements.map(pct).join(", ") : "none"}.`,
      "",
      "| shock | failing on chain | model at the same depth | bad debt on chain (USD) | exact txs | ms |",
      "|---|---|---|---|---|---|",
      ...ssf.probes.map(
        (p) =>
          `| ${pct(p.shock)} | ${p.failing.join(", ") || "—"} | ${p.modelFailing.join(", ") || "—"} | ${Object.entries(
            p.badDebtUsd,
          )
            .map(([id, v]) => `${id} ${Math.round(v).toLocaleString("en-US")}`)
            .join("; ")} | ${p.exactActions}/${p.executedActions} | ${Math.round(p.ms)} |`,
      ),
      ...(ssf.probes.some((p) => p.modelOnlyFailing.length)
        ? ["", "Protocols that exist only in the model here are not counted on chain."]
        : []),
      "",
    );
  }
  if (report.model)
    lines.push("---", "", renderModelMarkdown(report.model, charts.model).replace(/^# /m, "## Model: "));
  const timings = Object.entries(report.timings);
  if (timings.length)
    lines.push("", `Timings (ms): ${timings.map(([k, v]) => `${k} ${Math.round(v)}`).join(", ")}`, "");
  return lines.join("\n");
}

/** The liquidators' scan on the chain's side: agreement with the model, and the rounds where something was liquidatable. */
function renderScan(chain: NonNullable<RunReport["chain"]>): string[] {
  const scan = chain.scanCheck;
  if (scan.mode === "final")
    return [
      "Liquidators' scan on the chain's side: at the end only (this run was one of many: a sweep variant or an SSF probe).",
      "",
    ];
  const usd = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;
  const rows = chain.rounds.filter((r) => r.scan && (r.scan.liquidatable > 0 || r.liquidations > 0));
  return [
    `Liquidators' scan on the chain's side: after each of ${scan.blocks} blocks every Aave borrower's health factor was read from the pool itself (\`getUserAccountData\`, through the lens). In ${scan.agreed} of ${scan.blocks} the pool would liquidate exactly the positions the model held liquidatable at the end of that block${
      scan.disagreements.length
        ? `; it differs in ${scan.disagreements.length}: ${scan.disagreements
            .slice(0, 5)
            .map(
              (d) =>
                `block ${d.block} ${d.market}: chain only [${d.chainOnly.slice(0, 5).join(", ")}], model only [${d.modelOnly.slice(0, 5).join(", ")}]`,
            )
            .join("; ")}`
        : ""
    }. Insurance fund left, from the chain's balances after each block against the model's: largest gap ${usd(scan.maxInsuranceGapUsd)}.`,
    "",
    ...(rows.length
      ? [
          "| block | market price | liquidations | liquidatable after (chain) | Aave losses on chain | insurance left: chain / model |",
          "|---:|---:|---:|---:|---:|---|",
          ...rows.slice(0, 60).map((r) => {
            const s = r.scan!;
            const left = Object.keys(s.insuranceLeftUsd)
              .map((id) => `${id} ${usd(s.insuranceLeftUsd[id]!)} / ${usd(s.modelInsuranceLeftUsd[id]!)}`)
              .join("; ");
            return `| ${r.block} | ${r.marketPrice.toFixed(2)} | ${r.liquidations} | ${s.liquidatable} | ${usd(s.badDebtUsd)} | ${left} |`;
          }),
          ...(rows.length > 60 ? [`| … ${rows.length - 60} more rounds in report.json | | | | | |`] : []),
          "",
        ]
      : []),
  ];
}
