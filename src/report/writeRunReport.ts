import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { RunReport } from "../harness/runScenarioOnChain.js";
import { chartSpecs } from "./html/chartSpecs.js";
import { modelHeadline } from "./html/modelHeadline.js";
import { type HeadlineRow, renderHtmlReport } from "./html/renderHtmlReport.js";
import { renderBridgesHtml } from "./renderBridges.js";
import { renderRaceHtml } from "./renderRaceMarkdown.js";
import { renderRunMarkdown } from "./renderRunMarkdown.js";
import { renderSafetyModulesHtml } from "./renderSafetyModules.js";
import { lineSpec, renderVegaSvg } from "./renderVegaSvg.js";
import { writeModelReport } from "./writeModelReport.js";
import { writeTextFile } from "./writeTextFile.js";

/**
 * Writes `dlcm run`'s outputs into `dir`: report.json (scenario, chain, model, comparison, timings,
 * error), report.md, report.html (the headline with the chain beside the model, and the charts), the
 * chain-vs-model price and (with the per-block scan) insurance-fund charts, and the model's charts. Works
 * on a partial report.
 *
 * @param report - the run report (possibly stopped early).
 * @param dir - output directory.
 * @returns the paths written.
 */
export async function writeRunReport(
  report: RunReport,
  dir: string,
): Promise<{ json: string; markdown: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const modelCharts: { price: string; flows: string; losses: string; contagion?: string } = {
    price: "price.svg",
    flows: "flows.svg",
    losses: "losses.svg",
  };
  if (report.model) {
    // The model's own files, in a subfolder, and its charts beside the run report.
    await writeModelReport(report.model, join(dir, "model"));
    for (const name of ["price", "flows", "losses"] as const) modelCharts[name] = `model/${name}.svg`;
    if (report.model.contagion) modelCharts.contagion = "model/contagion.svg";
  }
  const rounds = report.chain?.rounds ?? [];
  // A run that stopped before its first block has nothing to chart: no empty chart is written.
  const chainPrice = rounds.length ? "chain-price.svg" : undefined;
  if (chainPrice)
    await writeTextFile(
      join(dir, chainPrice),
      await renderVegaSvg(
        lineSpec({
          xTitle: "block",
          yTitle: "USD",
          yFormat: "$,.0f",
          series: [
            { name: "chain", points: rounds.map((r) => [r.block, r.marketPrice] as const) },
            // Dashed over the chain's solid line: where the two agree to the wei, both stay visible.
            {
              name: "model",
              dashed: true,
              points: rounds.map((r) => [r.block, r.modelMarketPrice] as const),
            },
            { name: "oracle (chain)", points: rounds.map((r) => [r.block, r.oraclePrice] as const) },
          ],
        }),
        "Reference pool price after each block: chain vs model",
      ),
    );
  // The chain-side scan's losses: each Aave market's fund left after every block, chain beside model.
  const scanned = rounds.filter((r) => r.scan);
  const chainFunds = scanned.length ? "chain-funds.svg" : undefined;
  if (chainFunds) {
    const markets = Object.keys(scanned[0]!.scan!.insuranceLeftUsd);
    // Each fund's share left (a $0.2M loss on a $3M fund shows), chain solid, model dashed over it.
    const fundOf = (id: string) =>
      report.chain?.totals.badDebtByProtocol[id]?.insuranceFundUsd ?? scanned[0]!.scan!.insuranceLeftUsd[id]!;
    await writeTextFile(
      join(dir, chainFunds),
      await renderVegaSvg(
        lineSpec({
          xTitle: "block",
          yTitle: "fund left",
          yFormat: "%",
          series: markets.flatMap((id) => [
            {
              name: `${id} (chain)`,
              points: scanned.map((r) => [r.block, r.scan!.insuranceLeftUsd[id]! / fundOf(id)] as const),
            },
            {
              name: `${id} (model)`,
              dashed: true,
              points: scanned.map((r) => [r.block, r.scan!.modelInsuranceLeftUsd[id]! / fundOf(id)] as const),
            },
          ]),
        }),
        "Insurance fund left after each block, as a share of the fund: chain balances vs model",
      ),
    );
  }
  const json = join(dir, "report.json");
  const markdown = join(dir, "report.md");
  await writeTextFile(
    json,
    `${JSON.stringify(report, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
  );
  await writeTextFile(
    markdown,
    renderRunMarkdown(report, {
      ...(chainPrice ? { chainPrice } : {}),
      ...(chainFunds ? { chainFunds } : {}),
      model: modelCharts,
    }),
  );
  const html = join(dir, "report.html");
  const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;
  const chain = report.chain;
  const headline: HeadlineRow[] = [
    ...(report.error
      ? [
          {
            label: "Stopped early",
            value: `${report.error.phase}: ${report.error.message.split("\n")[0]}`,
            alert: true,
          },
        ]
      : []),
    ...(chain
      ? [
          {
            label: "Model vs chain",
            value: `${chain.actions.exact}/${chain.actions.executed} transactions exact to the wei`,
            alert: chain.actions.exact !== chain.actions.executed,
          },
          {
            label: "Chain",
            value: `${chain.totals.liquidations} liquidation${chain.totals.liquidations === 1 ? "" : "s"}, ${usd(chain.totals.valueLiquidatedUsd)} liquidated`,
          },
          ...Object.entries(chain.totals.badDebtByProtocol).map(([id, l]) => ({
            label: `Bad debt on chain, ${id}`,
            value: `${usd(l.totalUsd)} against ${usd(l.insuranceFundUsd)} (${l.source})`,
            alert: l.exceedsInsuranceFund,
          })),
        ]
      : []),
    ...(report.model ? modelHeadline(report.model).map((h) => ({ ...h, label: `${h.label} (model)` })) : []),
  ];
  await writeTextFile(
    html,
    renderHtmlReport({
      title: `DLCM run: ${report.scenario.name}`,
      subtitle: report.fork
        ? `On a fork at block ${report.fork.blockNumber} (chain id ${report.fork.chainId}), the model beside it.`
        : "On the local replica's real contracts, the model beside it.",
      headline,
      charts: report.model
        ? chartSpecs(
            report.model,
            rounds.map((r) => ({ block: r.block, marketPrice: r.marketPrice, liquidations: r.liquidations })),
          )
        : [],
      sections: [
        ...(report.model?.race
          ? [{ title: "Liquidation race", html: renderRaceHtml(report.model, report.chain?.race) }]
          : []),
        ...(report.model?.bridges ? [{ title: "Bridges", html: renderBridgesHtml(report.model) }] : []),
        ...(report.model?.safetyModules
          ? [{ title: "Safety modules (token backstops)", html: renderSafetyModulesHtml(report.model) }]
          : []),
      ],
    }),
  );
  return { json, markdown, html };
}
