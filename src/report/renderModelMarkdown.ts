import type { ModelReport } from "../model/runModel.js";
import type { SsfResult, VerdictChangeWhy } from "../model/thresholds/systemicSolvencyFailure.js";
import { describeStop } from "./describeStop.js";
import { renderBridgesMarkdown } from "./renderBridges.js";
import { renderDaoMarkdown } from "./renderDaoMarkdown.js";
import { renderRaceMarkdown } from "./renderRaceMarkdown.js";
import { renderSafetyModulesMarkdown } from "./renderSafetyModules.js";

const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;
const px = (v: number | null) => (v === null ? "—" : `$${v.toFixed(2)}`);
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);

/** The human report (report.md) for a model run; charts are the SVG files written beside it. */
export function renderModelMarkdown(
  report: ModelReport,
  charts: { price: string; flows: string; losses: string; contagion?: string },
): string {
  const t = report.totals;
  const th = report.thresholds;
  const lines: string[] = [];
  lines.push(`# DLCM model report — ${report.scenario.name}`, "", report.scenario.description, "");
  lines.push(
    `Shock: −${(report.scenario.shockDepth * 100).toFixed(1)}%, seed ${report.scenario.seed}. The cascade ran ${report.blocks} blocks and stopped: **${report.stopReason}**.${describeStop(report) ? ` ${describeStop(report)}` : ""}`,
    "",
  );
  lines.push("## Outcome", "", "| | |", "|---|---|");
  lines.push(
    `| Price start → low → end | ${px(t.startPrice)} → ${px(t.minPrice)} → ${px(t.finalPrice)} (${pct(1 - t.finalPrice / t.startPrice)} fall) |`,
  );
  lines.push(
    `| Value liquidated (debt repaid/absorbed) | ${usd(t.valueLiquidatedUsd)} in ${t.liquidations} liquidation${t.liquidations === 1 ? "" : "s"} |`,
  );
  lines.push(`| Seized collateral sold into pools | ${usd(t.collateralSoldUsd)} |`);
  for (const peg of report.scenario.pegs ?? []) {
    const path = report.rounds.map((r) => r.pegPrices?.[peg.symbol] ?? peg.rate);
    const low = Math.min(peg.rate, ...path);
    const end = path[path.length - 1] ?? peg.rate;
    const off = (v: number) => `${((v / peg.rate - 1) * 100).toFixed(2)}%`;
    lines.push(
      `| ${peg.symbol} on its own pool (redeems for ${peg.rate} ${peg.asset}) | low ${low.toFixed(4)} ${peg.asset} (${off(low)}), end ${end.toFixed(4)} (${off(end)}) |`,
    );
  }
  lines.push(`| Dealer hedge volume | ${t.hedgeVolumeUnderlying.toFixed(1)} underlying |`);
  lines.push(`| Perp liquidations / ADL | ${t.perpLiquidations} / ${usd(t.perpAdlUsd)} |`);
  lines.push(`| Bad debt, all protocols | **${usd(t.badDebtUsd)}** |`, "");
  lines.push(
    "### Losses against insurance funds",
    "",
    "| protocol | written off | insolvent open | total | insurance fund | exceeds? |",
    "|---|---:|---:|---:|---:|---|",
  );
  for (const [id, l] of Object.entries(t.badDebtByProtocol))
    lines.push(
      `| ${id} | ${usd(l.realizedUsd)} | ${usd(l.insolventOpenUsd)} | ${usd(l.totalUsd)} | ${usd(l.insuranceFundUsd)} | ${l.exceedsInsuranceFund ? "**yes**" : "no"} |`,
    );
  for (const b of report.backstops ?? [])
    lines.push(
      "",
      `Umbrella stake on ${b.market}'s ${b.asset}: covered ${usd(b.coveredUsd)} of deficits in ${b.covers} call${b.covers === 1 ? "" : "s"} to eliminateReserveDeficit; the stake went from ${b.stakeStart.toLocaleString("en-US", { maximumFractionDigits: 2 })} to ${b.stakeEnd.toLocaleString("en-US", { maximumFractionDigits: 2 })} ${b.asset} (the losses above are what it left).`,
    );
  if (report.bridges) lines.push("", "### Bridges", "", ...renderBridgesMarkdown(report));
  if (report.dao) lines.push("", "### Sovereign Risk DAO", "", ...renderDaoMarkdown(report));
  if (report.safetyModules)
    lines.push("", "### Safety modules (token backstops)", "", ...renderSafetyModulesMarkdown(report));
  if (report.contagion) lines.push("", ...renderContagion(report.contagion, charts.contagion));
  if (report.blockedLiquidations?.length) lines.push("", ...renderBlocked(report.blockedLiquidations));
  if (report.heldATokens?.length) lines.push("", ...renderHeldATokens(report.heldATokens));
  if (report.race) lines.push("", ...renderRaceMarkdown(report));
  lines.push("", "## Thresholds", "", "| threshold | value |", "|---|---|");
  lines.push(`| Gamma Neutrality Price (dealer GEX = 0) | ${px(th.gammaNeutralityPrice)} |`);
  lines.push(
    `| Hedge crossover (hedge flow for a 1% fall > pool's 1% capacity) | ${px(th.hedgeCrossoverPrice)}${
      Object.values(th.hedgeCrossover).some((h) => h.regions.length)
        ? `; hedging drives the price in ${Object.entries(th.hedgeCrossover)
            .flatMap(([id, h]) => h.regions.map((g) => `${id} ${px(g.from)} → ${px(g.to)}`))
            .join(", ")} (scanned in 0.5% steps down to 20% of spot)`
        : ""
    } |`,
  );
  lines.push(
    `| Systemic Solvency Failure shock (smallest failing) | ${th.ssf ? (th.ssfShock === null ? "none up to −99%" : `−${(th.ssfShock * 100).toFixed(1)}% (±${(th.ssf.precision * 100).toFixed(1)} pt), first to fail: ${th.ssf.firstFailing}`) : "not searched"} |`,
  );
  if (th.ssf) lines.push("", ...renderSsfScan(th.ssf));
  lines.push(
    "",
    "**Liquidity Absorption Capacity** (sells of the underlying; marginal = pool price after the sale; average = average execution price):",
    "",
    "| pool | 5% marginal | 5% average | 10% marginal | 10% average |",
    "|---|---:|---:|---:|---:|",
  );
  for (const [id, l] of Object.entries(th.lac))
    lines.push(
      `| ${id} | ${l.at5.marginal.underlying.toFixed(1)} (${usd(l.at5.marginal.usd)}) | ${l.at5.average.underlying.toFixed(1)} (${usd(l.at5.average.usd)}) | ${l.at10.marginal.underlying.toFixed(1)} (${usd(l.at10.marginal.usd)}) | ${l.at10.average.underlying.toFixed(1)} (${usd(l.at10.average.usd)}) |`,
    );
  lines.push(
    "",
    "**Collateral Haircut Breakpoints** (static book, underlying price):",
    "",
    "| market | haircut (aggregate HF = 1) | solvency (collateral = debt) | first bad debt (one position) |",
    "|---|---:|---:|---:|",
  );
  for (const c of th.collateralHaircutBreakpoint)
    lines.push(
      `| ${c.market} | ${px(c.haircutPrice)} | ${px(c.solvencyPrice)} | ${px(c.firstBadDebtPrice)} |`,
    );
  lines.push(
    "",
    "## Charts",
    "",
    `![market and oracle price](${charts.price})`,
    "",
    `![flows per block](${charts.flows})`,
    "",
    `![realised losses per protocol against its fund](${charts.losses})`,
    "",
    "The losses chart and the rounds' column are realised losses (write-offs, perp fund drawdown and ADL) as",
    "they happen; the headline's bad debt adds open positions already insolvent at the final price.",
    "",
  );
  lines.push(
    "## Rounds (every block with activity)",
    "",
    "| block | market | oracle | shock sold | hedge sold | perp sold | liquidations | collateral sold | backlog | realised losses | vol × |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const r of report.rounds
    .filter(
      (r) =>
        r.liquidations ||
        Math.abs(r.hedgeFlowUnderlying) > 0 ||
        r.shockFlowUnderlying ||
        r.perpFlowUnderlying,
    )
    .slice(0, 200))
    lines.push(
      `| ${r.block} | ${r.marketPrice.toFixed(2)} | ${r.oraclePrice.toFixed(2)} | ${r.shockFlowUnderlying.toFixed(1)} | ${r.hedgeFlowUnderlying.toFixed(1)} | ${r.perpFlowUnderlying.toFixed(1)} | ${r.liquidations} | ${r.collateralSoldUnderlying.toFixed(1)} | ${r.backlog} | ${usd(r.badDebtUsd)} | ${r.volMultiplier.toFixed(2)} |`,
    );
  lines.push("", 'Field meanings: README.md, section "Reading a report".', "");
  return lines.join("\n");
}

const shockPct = (x: number) => `−${(x * 100).toFixed(2)}%`;

/**
 * The SSF scan in words and a table: the grid and precision, every failure interval, whether failure is
 * monotone in depth, and at each change of verdict what switches (protocols, positions).
 */
export function renderSsfScan(ssf: SsfResult): string[] {
  const lines = [
    `**SSF scan**: ${ssf.runs.length} cascades — a grid every ${(ssf.gridStep * 100).toFixed(1)} pt of shock from 0 to −99%, then every change of verdict bisected to ${(ssf.precision * 100).toFixed(2)} pt. Failure intervals narrower than the grid can be missed.`,
    "",
    ssf.intervals.length === 0
      ? "No shock up to −99% leaves a protocol's losses above its fund."
      : `Shocks that fail: ${ssf.intervals.map((i) => (i.from === i.to ? shockPct(i.from) : `${shockPct(i.from)} to ${shockPct(i.to)}`)).join("; ")}.${
          ssf.monotone
            ? " Failure is monotone in depth at this resolution: one interval, up to −99%."
            : " **Not monotone**: a deeper shock can survive where a smaller one fails — bisection alone would report a wrong threshold."
        }`,
  ];
  if (ssf.changes.length) {
    lines.push(
      "",
      "| change of verdict | failing either side | losses either side (USD) | positions that switch, most USD first (share of debt left, below → above) |",
      "|---|---|---|---|",
    );
    for (const c of ssf.changes) {
      const [lo, hi] = c.sides as [VerdictChangeWhy["sides"][number], VerdictChangeWhy["sides"][number]];
      const losses = Object.keys(lo.lossUsd)
        .map((id) => `${id} ${usd(lo.lossUsd[id]!)} → ${usd(hi.lossUsd[id] ?? 0)}`)
        .join("; ");
      const who =
        c.positions
          .map(
            (p) =>
              `${p.market}/${p.id} (${usd(p.debtUsd)} of debt) ${(p.debtLeftLo * 100).toFixed(0)}% → ${(p.debtLeftHi * 100).toFixed(0)}%`,
          )
          .join("; ") || "none above 1 pt";
      lines.push(
        `| ${shockPct(c.lo)} → ${shockPct(c.hi)} (${c.failureStarts ? "starts failing" : "stops failing"}) | ${lo.failing.join(", ") || "—"} → ${hi.failing.join(", ") || "—"} | ${losses} | ${who} |`,
      );
    }
  }
  return lines;
}

/** Liquidations no one could complete (nested collateral that could not be redeemed), per market. */
function renderBlocked(blocked: NonNullable<ModelReport["blockedLiquidations"]>): string[] {
  const lines = ["### Liquidations no one could complete", ""];
  const byMarket = new Map<string, typeof blocked>();
  for (const b of blocked) byMarket.set(b.market, [...(byMarket.get(b.market) ?? []), b]);
  for (const [market, list] of byMarket)
    lines.push(
      `- **${market}**: ${list.length} liquidatable position${list.length === 1 ? "" : "s"} could not be liquidated, the first from block ${list[0]!.block}: ${list[0]!.reason}. Their debt stays open under water (the insolvent-open column above).`,
    );
  return lines;
}

/** The aTokens liquidators took when a reserve had no cash, and how far they unwound them. */
function renderHeldATokens(held: NonNullable<ModelReport["heldATokens"]>): string[] {
  const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 4 });
  return [
    "### aTokens taken when a reserve had no cash, and unwound",
    "",
    "Liquidations that the reserve's cash could not pay out took the collateral as aTokens (receiveAToken); after each block the liquidator withdrew what the cash allowed and sold it, never below (1 − unwindMaxSlippageBps) of the oracle's value.",
    "",
    "| market | aToken | liquidations that took it | taken | withdrawals | withdrawn | sold for | still held at the end |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...held.map(
      (h) =>
        `| ${h.market} | a${h.asset} | ${h.takes} | ${n(h.taken)} | ${h.unwinds} | ${n(h.withdrawn)} | ${n(h.proceeds)} ${h.proceedsAsset} | ${n(h.heldAtEnd)} |`,
    ),
  ];
}

/** Each protocol's losses by the token they came through, and the graph. */
function renderContagion(
  contagion: NonNullable<ModelReport["contagion"]>,
  chart: string | undefined,
): string[] {
  const lines = [
    "### Losses by channel (contagion)",
    "",
    "| protocol | through | loss | channel |",
    "|---|---|---:|---|",
  ];
  for (const l of contagion.losses)
    lines.push(
      `| ${l.market} | ${l.token} | ${usd(l.usd)} | ${l.issuer ? `**${l.issuer}'s token** (contagion from ${l.issuer})` : "collateral"} |`,
    );
  if (chart) lines.push("", `![Contagion graph](${chart})`);
  return lines;
}
