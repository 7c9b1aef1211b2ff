import type { ModelReport } from "../../model/runModel.js";
import type { HeadlineRow } from "./renderHtmlReport.js";

const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;

/** The model's headline figures for the HTML report. */
export function modelHeadline(report: ModelReport): HeadlineRow[] {
  const t = report.totals;
  const th = report.thresholds;
  return [
    {
      label: "Price",
      value: `${t.startPrice.toFixed(2)} → ${t.finalPrice.toFixed(2)} (${(((t.finalPrice - t.startPrice) / t.startPrice) * 100).toFixed(1)}%), low ${t.minPrice.toFixed(2)}`,
    },
    {
      label: "Liquidated",
      value: `${usd(t.valueLiquidatedUsd)} in ${t.liquidations} liquidation${t.liquidations === 1 ? "" : "s"}`,
    },
    ...Object.entries(t.badDebtByProtocol).map(([id, l]) => ({
      label: `Bad debt, ${id}`,
      value: `${usd(l.totalUsd)} against a fund of ${usd(l.insuranceFundUsd)}${l.exceedsInsuranceFund ? " — exceeded" : ""}`,
      alert: l.exceedsInsuranceFund,
    })),
    {
      label: "Gamma Neutrality Price",
      value: th.gammaNeutralityPrice === null ? "none" : `$${th.gammaNeutralityPrice.toFixed(2)}`,
    },
    {
      label: "Hedge crossover",
      value: th.hedgeCrossoverPrice === null ? "none" : `$${th.hedgeCrossoverPrice.toFixed(2)}`,
    },
    {
      label: "Systemic Solvency Failure",
      value: !th.ssf
        ? "not searched"
        : th.ssfShock === null
          ? "no shock up to −99% fails"
          : `smallest failing shock −${(th.ssfShock * 100).toFixed(2)}%${th.ssf.monotone ? "" : `, not monotone (${th.ssf.intervals.length} failure intervals)`}`,
      alert: th.ssfShock !== null && th.ssfShock <= report.scenario.shockDepth,
    },
  ];
}
