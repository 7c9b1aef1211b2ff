import type { ModelReport } from "../model/runModel.js";
import { escapeHtml } from "./html/renderHtmlReport.js";

/**
 * Each safety module as a sentence: its slashable stake at the token's starting price, what its sales
 * raised, what the rest would fetch at the end, its value against its market's loss, and its token's fall.
 *
 * @param report - a model report with `safetyModules`.
 */
export function safetyModuleSentences(report: ModelReport): string[] {
  const usd = (v: number) => `$${v.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
  const px = (v: number) => `$${v.toFixed(2)}`;
  return (report.safetyModules ?? []).map((m) => {
    const loss = report.totals.badDebtByProtocol[m.market];
    const tokens = (Number(m.sold) / 10 ** m.decimals).toLocaleString("en-US", { maximumFractionDigits: 0 });
    const against = loss
      ? `; with ${usd(loss.insuranceFundUsd - m.valueUsd)} of other funds, ${m.market}'s backstop was ${usd(loss.insuranceFundUsd)} against its ${usd(loss.totalUsd)} loss${loss.exceedsInsuranceFund ? " — exceeded" : ""}`
      : "";
    return `${m.token} safety module on ${m.market}: slashable stake worth ${usd(m.slashableAtStartUsd)} at ${m.token}'s starting ${px(m.priceStart)}; ${m.sales} sale${m.sales === 1 ? "" : "s"} of ${tokens} ${m.token} raised ${usd(m.proceedsUsd)} as the losses landed, and the rest would fetch ${usd(m.endValueUsd)} at the end: worth ${usd(m.valueUsd)} when it was needed${against}. ${m.token} on its pool: low ${px(m.priceLow)}, end ${px(m.priceEnd)}.`;
  });
}

/** The safety modules as Markdown bullets. */
export function renderSafetyModulesMarkdown(report: ModelReport): string[] {
  return safetyModuleSentences(report).map((s) => `- ${s}`);
}

/** The safety modules as an HTML section's body. */
export function renderSafetyModulesHtml(report: ModelReport): string {
  return `<ul>${safetyModuleSentences(report)
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join("")}</ul>`;
}
