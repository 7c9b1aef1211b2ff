import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { DaoComparison, DaoVariant } from "../harness/runDaoComparison.js";
import type { SweepRow } from "../harness/runSweep.js";
import { renderVegaSvg } from "./renderVegaSvg.js";
import { writeTextFile } from "./writeTextFile.js";

const usd = (v: number | undefined) => (v === undefined ? "—" : `$${Math.round(v).toLocaleString("en-US")}`);
const pct = (v: number | null | undefined) =>
  v === undefined ? "—" : v === null ? "none" : `−${(v * 100).toFixed(1)}%`;

/**
 * Writes `dlcm run --policy`'s outputs into `dir`: dao.json (every variant: the sweep's row with the
 * chain's and the model's totals, the DAO's actions, its fund on chain, and the SSF when searched),
 * dao.md (the side-by-side table, the costs and what each lever could not do) and dao-bad-debt.svg (bad
 * debt on chain per variant, by protocol). Works on a partial comparison (a failed variant keeps its error).
 *
 * @param comparison - the comparison.
 * @param dir - output directory.
 * @returns the paths written.
 */
export async function writeDaoReport(
  comparison: DaoComparison,
  dir: string,
): Promise<{ json: string; markdown: string; chart: string }> {
  await mkdir(dir, { recursive: true });
  const { sweep, variants } = comparison;
  const rows = sweep.rows.map((row, i) => ({ variant: variants[i]!, row }));
  const protocols = [...new Set(sweep.rows.flatMap((r) => Object.keys(r.chain?.badDebtByProtocol ?? {})))];
  const json = join(dir, "dao.json");
  await writeTextFile(
    json,
    `${JSON.stringify({ scenario: sweep.scenario, backend: sweep.backend, ...(sweep.fork ? { fork: sweep.fork } : {}), variants: rows.map(({ variant, row }) => ({ ...variant, ...row })), timings: sweep.timings, ...(sweep.error ? { error: sweep.error } : {}) }, null, 2)}\n`,
  );
  const chart = join(dir, "dao-bad-debt.svg");
  await writeTextFile(
    chart,
    await renderVegaSvg(
      {
        data: {
          values: rows.flatMap(({ variant, row }) =>
            protocols.map((p) => ({
              variant: variant.name,
              protocol: p,
              usd: row.chain?.badDebtByProtocol[p] ?? 0,
            })),
          ),
        },
        mark: "bar",
        width: 420,
        height: 260,
        encoding: {
          x: { field: "variant", type: "nominal", sort: null, title: "DAO levers" },
          y: {
            field: "usd",
            type: "quantitative",
            aggregate: "sum",
            title: "bad debt on chain (USD)",
            axis: { format: "$,.0f" },
          },
          color: { field: "protocol", type: "nominal", legend: { orient: "top" } },
        },
      },
      "Bad debt by DAO lever",
    ),
  );
  const header = [
    "levers",
    "liquidated (chain)",
    ...protocols.map((p) => `bad debt ${p}`),
    "bad debt (model)",
    "SSF",
    "fund P&L (chain)",
    "pushed into liquidation",
    "liquidation delays",
    "exact txs",
  ];
  const lines = rows.map(({ variant, row }) => {
    const d = row.dao;
    const fund = d?.backstop;
    return [
      variant.name,
      usd(row.chain?.valueLiquidatedUsd),
      ...protocols.map((p) => usd(row.chain?.badDebtByProtocol[p])),
      usd(row.model?.badDebtUsd),
      variant.ssf ? pct(variant.ssf.shock) : "—",
      fund
        ? `${usd(fund.chain?.pnlUsd ?? fund.pnlUsd)}${fund.chain && !fund.chain.exact ? " (≠ model)" : ""}`
        : "—",
      d && d.tightenings > 0 ? `${d.pushedIntoLiquidation} (${usd(d.pushedDebtUsd)} debt)` : "—",
      d && d.holds.length > 0 ? d.holds.map((h) => `${h.market}: ${h.via}`).join("; ") : "—",
      `${row.exactActions}/${row.executedActions}${row.error ? ` (${row.error.phase}: ${row.error.message.split("\n")[0]})` : ""}`,
    ];
  });
  const notApplied = [
    ...new Map(
      rows.flatMap(({ row }) => row.dao?.notApplied ?? []).map((n) => [`${n.market}:${n.lever}`, n]),
    ).values(),
  ];
  const funds = rows.filter(({ row }) => row.dao?.backstop);
  const markdown = join(dir, "dao.md");
  await writeTextFile(
    markdown,
    [
      `# Sovereign Risk DAO: ${sweep.scenario.name}`,
      "",
      `${sweep.scenario.description}`,
      "",
      `Each column ran from the same snapshot on ${sweep.backend}${sweep.fork ? ` forking block ${sweep.fork.blockNumber} (addresses: ${sweep.fork.addressSource}; each chain prepared by fork mode, the levers through the fork's own admins)` : ""}: without the DAO (none), with each lever alone and with all, the model beside it and every transaction checked against it (exact txs).`,
      "",
      `| ${header.join(" | ")} |`,
      `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
      ...lines.map((l) => `| ${l.join(" | ")} |`),
      "",
      "![bad debt by lever](dao-bad-debt.svg)",
      "",
      "How to read it:",
      "- **SSF**: the smallest shock of the scenario's shape at which a protocol's losses exceed its fund, with those levers (model search; `--ssf` computes it, — without).",
      "- **fund P&L**: what the backstop's contract holds at the end (its stablecoins left and the underlying it bought, at the final reference price) less what it was sent; from its own balances on chain.",
      "- **pushed into liquidation**: positions liquidatable right after a margin cut that were not right before it, at the same prices: what the tightening itself cost borrowers.",
      "- **liquidation delays**: how each member's liquidations were stopped when the mandate fired (Aave's grace period, Comet's absorb pause).",
      ...(funds.length > 0
        ? [
            "",
            "## The backstop's buys",
            "",
            "| levers | buys | first block | spent | bought | P&L (model) | balances = model |",
            "|---|---:|---:|---:|---:|---:|---|",
            ...funds.map(({ variant, row }) => {
              const f = row.dao!.backstop!;
              return `| ${variant.name} | ${f.buys} | ${f.firstBlock ?? "—"} | ${usd(f.spentUsd)} | ${f.boughtUnderlying.toFixed(2)} | ${usd(f.pnlUsd)} | ${f.chain ? (f.chain.exact ? "yes" : "no") : "—"} |`;
            }),
          ]
        : []),
      ...cutsSection(rows),
      ...(notApplied.length > 0
        ? [
            "",
            "## What the levers could not do",
            "",
            ...notApplied.map((n) => `- ${n.market}, ${n.lever}: ${n.why}.`),
          ]
        : []),
      ...(sweep.error ? ["", `Stopped: ${sweep.error.phase}: ${sweep.error.message}`] : []),
      "",
    ].join("\n"),
  );
  return { json, markdown, chart };
}

/**
 * Every cut of a member's terms, variant by variant: Aave's LTV and threshold (PoolConfigurator), Comet's
 * borrow and liquidation factors (its Configurator and a proxy upgrade), both in basis points.
 */
function cutsSection(rows: readonly { variant: DaoVariant; row: SweepRow }[]): string[] {
  const lines = rows.flatMap(({ variant, row }) =>
    (row.dao?.cuts ?? []).map(
      (c) =>
        `| ${variant.name} | ${c.block} | ${c.market} | ${c.by} | ${c.reserves.map((r) => `${r.asset} ${(r.ltvBps / 100).toFixed(2)}% / ${(r.liquidationThresholdBps / 100).toFixed(2)}%`).join("; ")} | ${c.pushedIntoLiquidation} |`,
    ),
  );
  if (lines.length === 0) return [];
  return [
    "",
    "## The cuts",
    "",
    "Each member's new terms after a cut: LTV / liquidation threshold (Comet: borrow / liquidation factor), and the borrowers the cut itself made liquidatable.",
    "",
    "| levers | block | member | by | new terms | pushed |",
    "|---|---:|---|---|---|---:|",
    ...lines,
  ];
}
