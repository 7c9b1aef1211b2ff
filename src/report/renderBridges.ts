import type { ModelReport } from "../model/runModel.js";
import { escapeHtml } from "./html/renderHtmlReport.js";

const INTRO =
  "A halted bridge's bridgeIn and bridgeOut revert BridgeHalted() (HaltableBridge); transfers, swaps and lending calls on the token go on, so its supply here is frozen where it sits and its pool is the only way out.";

/**
 * What each bridge did and where its halt left the bridged asset against its one remaining pool, as plain
 * sentences: per bridge, what went through it and the peg, then (halted) the concentration at the halt.
 *
 * @param report - a model report with `bridges`.
 * @returns one list of sentences per bridge.
 */
export function bridgeSentences(report: ModelReport): string[][] {
  const tokens = (wei: string, decimals: number) =>
    (Number(wei) / 10 ** decimals).toLocaleString("en-US", { maximumFractionDigits: 2 });
  const whole = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 0 });
  const pct = (ratio: number | undefined) =>
    ratio === undefined ? "—" : `${((ratio - 1) * 100).toFixed(2)}%`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return (report.bridges ?? []).map((b) => {
    const state = b.halted
      ? `halted at block ${b.haltBlock}`
      : b.haltBlock
        ? `halt at block ${b.haltBlock} not reached`
        : "never halts";
    const out = [
      `${b.asset} (${state}): arbitrage through it in ${plural(b.arbitrages, "block")}, ${tokens(b.bridgedIn, b.decimals)} ${b.asset} bridged in and ${tokens(b.bridgedOut, b.decimals)} out; its pool's lowest price against the peg ${pct(b.minPegRatio)}.`,
    ];
    if (b.halted)
      out.push(
        `At the halt the pool stood at ${pct(b.pegRatioAtHalt)} against the peg, at worst ${pct(b.minPegRatioAfterHalt)} after it; ${plural(b.arbitragesBlocked, "block")} after it had a gap past the pool's fee that nobody could arbitrage; the exit sale sold ${tokens(b.exitSold, b.decimals)} ${b.asset}.`,
      );
    const at = b.atHalt;
    if (at) {
      const held = Object.entries(at.collateralByMarket);
      out.push(
        `At the halt, ${held.length ? held.map(([m, v]) => `${whole(v)} ${b.asset} collateral on ${m}`).join(", ") : `no ${b.asset} collateral`}, against ${whole(at.lac5)} (5%) and ${whole(at.lac10)} (10%) its pool absorbs${at.collateralOverLac5 !== null ? `: ${at.collateralOverLac5.toFixed(1)}× the 5% depth` : ""}.`,
      );
    }
    const top = b.topUps;
    if (top)
      out.push(
        `Margin top-ups on ${top.market}: ${plural(top.done, "top-up")} went through (${tokens(top.supplied, b.decimals)} ${b.asset} bridged in and supplied for the borrowers)${top.failed ? `; after the halt ${plural(top.failed, "borrower")} could not top up (bridgeIn reverted BridgeHalted, from block ${top.firstFailedBlock}), ${top.failedThenLiquidated} of them liquidated later` : ""}.`,
      );
    return out;
  });
}

/** The bridges as Markdown lines (an intro, then a bullet per bridge). */
export function renderBridgesMarkdown(report: ModelReport): string[] {
  return [INTRO, "", ...bridgeSentences(report).map((s) => `- ${s.join(" ")}`)];
}

/** The bridges as an HTML section's body. */
export function renderBridgesHtml(report: ModelReport): string {
  const items = bridgeSentences(report).map((s) => `<li>${escapeHtml(s.join(" "))}</li>`);
  return `<p>${escapeHtml(INTRO)}</p><ul>${items.join("")}</ul>`;
}
