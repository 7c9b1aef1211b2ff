import type { ModelReport } from "../model/runModel.js";

const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;

/**
 * What the Sovereign Risk DAO did in one cascade, as markdown lines: its live-SSF readings, each margin
 * cut and what it cost borrowers, the liquidation delays, the fund's buys and P&L, and what a lever could
 * not do.
 *
 * @param report - a model report with `dao`.
 * @returns the lines (none without a DAO).
 */
export function renderDaoMarkdown(report: ModelReport): string[] {
  const dao = report.dao;
  if (!dao) return [];
  const lines = [`Levers on: ${dao.levers.join(", ") || "none"}.`, ""];
  if (dao.readings.length > 0)
    lines.push(
      `Live SSF (the smallest further fall probed at which a protocol fails): ${dao.readings
        .map(
          (r) =>
            `block ${r.block} ${r.furtherFall === null ? "none" : `−${(r.furtherFall * 100).toFixed(0)}%`}`,
        )
        .join(", ")}.`,
      "",
    );
  for (const t of dao.tightenings)
    lines.push(
      `- block ${t.block}, ${t.market} (${t.by}): ${t.reserves.map((r) => `${r.asset} LTV ${r.ltvBps / 100}% / LT ${r.liquidationThresholdBps / 100}%`).join(", ")}; ${t.pushedIntoLiquidation} positions pushed into liquidation (${usd(t.pushedDebtUsd)} of debt)`,
    );
  for (const h of dao.holds)
    lines.push(
      `- ${h.market}: liquidations delayed from block ${h.fromBlock} until ${h.untilSeconds} s (${h.via}${h.liftedBlock !== undefined ? `, lifted in block ${h.liftedBlock}` : ""})`,
    );
  const b = dao.backstop;
  if (b)
    lines.push(
      `- backstop: ${b.buys} buys from block ${b.firstBlock ?? "—"}, ${usd(b.spentUsd)} of ${b.asset} for ${b.boughtUnderlying.toFixed(2)} of the underlying; worth ${usd(b.valueUsd)} at the end (P&L ${usd(b.pnlUsd)})`,
    );
  for (const n of dao.notApplied) lines.push(`- not applied on ${n.market} (${n.lever}): ${n.why}`);
  return lines;
}
