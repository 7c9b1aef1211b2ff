import type { ModelReport } from "../../model/runModel.js";

/** A Vega-Lite specification (plain JSON, compiled and drawn by vega-embed in the page). */
export type ChartSpec = { id: string; title: string; caption: string; spec: Record<string, unknown> };

const WIDTH = 760;
const usdFormat = "$,.0f";

/** The chain's rounds as the HTML report charts them (absent for a model-only report). */
export type ChainRoundsForChart = { block: number; marketPrice: number; liquidations: number }[];

/**
 * The report's charts as Vega-Lite specifications, data inline: the price path (model, oracle, and the
 * chain's when there is one, dashed so a line that coincides stays visible) over liquidations per block;
 * the underlying sold per block by source; each protocol's realised loss as a share of its insurance
 * fund (so a $0.2M loss on a $3M fund shows), with the fund at 100%; dealer GEX per block; the SSF
 * search's probes and failure intervals; LAC per pool; each pegged asset's pool price against its peg.
 *
 * @param report - the model report.
 * @param chain - the chain's rounds, for a run report.
 * @returns the charts, in page order.
 */
export function chartSpecs(report: ModelReport, chain?: ChainRoundsForChart): ChartSpec[] {
  const ssf = ssfChart(report);
  const lac = lacChart(report);
  const profile = gexProfileChart(report);
  const curves = lacCurvesChart(report);
  const peg = pegChart(report);
  return [
    priceChart(report, chain),
    ...(peg ? [peg] : []),
    flowsChart(report),
    lossesChart(report),
    gexChart(report),
    ...(profile ? [profile] : []),
    ...(ssf ? [ssf] : []),
    ...(lac ? [lac] : []),
    ...(curves ? [curves] : []),
  ];
}

type Rounds = ModelReport["rounds"];

function priceChart(report: ModelReport, chain?: ChainRoundsForChart): ChartSpec {
  const r = report.rounds;
  const prices = [
    ...r.map((x) => ({ block: x.block, price: x.marketPrice, series: "pool (model)" })),
    ...r.map((x) => ({ block: x.block, price: x.oraclePrice, series: "oracle (model)" })),
    ...(chain ?? []).map((x) => ({ block: x.block, price: x.marketPrice, series: "pool (chain)" })),
  ];
  return {
    id: "price",
    title: "Price path and liquidations",
    caption: chain
      ? "The pool's price on chain (dashed) over the model's: where they coincide both stay visible. Below: liquidations per block."
      : "The pool's price and the oracle's. Below: liquidations per block.",
    spec: {
      vconcat: [
        {
          width: WIDTH,
          height: 260,
          data: { values: prices },
          mark: { type: "line", strokeWidth: 2 },
          encoding: {
            x: { field: "block", type: "quantitative", title: "block" },
            y: {
              field: "price",
              type: "quantitative",
              title: "USD",
              scale: { zero: false },
              axis: { format: usdFormat },
            },
            color: { field: "series", type: "nominal", title: null, legend: { orient: "top" } },
            strokeDash: {
              field: "series",
              type: "nominal",
              scale: {
                domain: ["pool (model)", "oracle (model)", "pool (chain)"],
                range: [
                  [1, 0],
                  [2, 2],
                  [6, 4],
                ],
              },
              legend: { orient: "top" },
            },
          },
        },
        {
          width: WIDTH,
          height: 90,
          data: { values: r.map((x) => ({ block: x.block, liquidations: x.liquidations })) },
          mark: { type: "bar", color: "#2ca02c" },
          encoding: {
            x: { field: "block", type: "quantitative", title: "block" },
            y: { field: "liquidations", type: "quantitative", title: "liquidations" },
          },
        },
      ],
    },
  };
}

function flowsChart(report: ModelReport): ChartSpec {
  const r = report.rounds;
  const sources: [string, (x: Rounds[number]) => number][] = [
    ["shock (exogenous)", (x) => x.shockFlowUnderlying],
    ["dealer hedging", (x) => x.hedgeFlowUnderlying],
    ["liquidations", (x) => x.collateralSoldUnderlying],
    ["perps", (x) => x.perpFlowUnderlying],
  ];
  return {
    id: "flows",
    title: "Underlying sold into the pools per block, by source",
    caption: "Positive: sold into the pools; negative: bought back.",
    spec: {
      width: WIDTH,
      height: 220,
      data: {
        values: r.flatMap((x) => sources.map(([source, f]) => ({ block: x.block, source, amount: f(x) }))),
      },
      mark: { type: "bar" },
      encoding: {
        x: { field: "block", type: "ordinal", title: "block", axis: { labelOverlap: true } },
        y: { field: "amount", type: "quantitative", title: "underlying", stack: true },
        color: { field: "source", type: "nominal", title: null },
      },
    },
  };
}

function lossesChart(report: ModelReport): ChartSpec {
  const r = report.rounds;
  const protocols = Object.entries(report.totals.badDebtByProtocol);
  return {
    id: "losses",
    title: "Realised losses per protocol, as a share of its insurance fund",
    caption: `100% is the fund exhausted. At the end (open insolvent positions included): ${protocols
      .map(
        ([id, l]) =>
          `${id} $${Math.round(l.totalUsd).toLocaleString("en-US")} of $${Math.round(l.insuranceFundUsd).toLocaleString("en-US")}`,
      )
      .join("; ")}.`,
    spec: {
      width: WIDTH,
      height: 220,
      layer: [
        {
          data: {
            values: r.flatMap((x) =>
              protocols.map(([id, l]) => ({
                block: x.block,
                protocol: id,
                share: l.insuranceFundUsd > 0 ? (x.realizedLossUsd[id] ?? 0) / l.insuranceFundUsd : 0,
                lossUsd: x.realizedLossUsd[id] ?? 0,
              })),
            ),
          },
          mark: { type: "line", strokeWidth: 2, point: false },
          encoding: {
            x: { field: "block", type: "quantitative", title: "block" },
            y: { field: "share", type: "quantitative", title: "loss / fund", axis: { format: "%" } },
            color: { field: "protocol", type: "nominal", title: null },
            tooltip: [
              { field: "protocol" },
              { field: "block" },
              { field: "lossUsd", format: usdFormat, title: "loss" },
            ],
          },
        },
        {
          data: { values: [{ y: 1 }] },
          mark: { type: "rule", color: "#c62828", strokeDash: [4, 3] },
          encoding: { y: { field: "y", type: "quantitative" } },
        },
      ],
    },
  };
}

/** Each pegged asset's price on its own pool per block, as a share of its peg (1 = at the rate). */
function pegChart(report: ModelReport): ChartSpec | undefined {
  const pegs = report.scenario.pegs ?? [];
  if (pegs.length === 0) return undefined;
  const values = pegs.flatMap((peg) =>
    report.rounds.map((x) => ({
      block: x.block,
      asset: peg.symbol,
      ofPeg: (x.pegPrices?.[peg.symbol] ?? peg.rate) / peg.rate,
      price: x.pegPrices?.[peg.symbol] ?? peg.rate,
    })),
  );
  const low = Math.min(...values.map((v) => v.ofPeg));
  // A halted bridge: a dashed rule at its halt block.
  const halts = (report.bridges ?? []).flatMap((b) =>
    b.halted ? [{ block: b.haltBlock!, label: `${b.asset}'s bridge halts` }] : [],
  );
  return {
    id: "peg",
    title: "Pegged assets on their own pools",
    caption: `Each pegged asset's price on its own pool, as a share of what it redeems for (${pegs
      .map((p) => `${p.symbol}: ${p.rate} ${p.asset}`)
      .join(
        "; ",
      )}). Lowest: ${((1 - low) * 100).toFixed(2)}% below the peg. ${arbitrageNote(report)}; an exchange-rate oracle does not see it.`,
    spec: {
      width: WIDTH,
      height: 200,
      layer: [
        {
          data: { values },
          mark: { type: "line", point: false },
          encoding: {
            x: { field: "block", type: "quantitative", title: "block" },
            y: {
              field: "ofPeg",
              type: "quantitative",
              title: "price / peg",
              scale: { zero: false },
              axis: { format: ".2%" },
            },
            color: { field: "asset", type: "nominal" },
            tooltip: [
              { field: "block" },
              { field: "asset" },
              { field: "price", format: ".5f" },
              { field: "ofPeg", format: ".3%" },
            ],
          },
        },
        ...(halts.length > 0
          ? [
              {
                data: { values: halts },
                mark: { type: "rule", color: "#c62828", strokeDash: [4, 3] },
                encoding: {
                  x: { field: "block", type: "quantitative" },
                  tooltip: [{ field: "label" }],
                },
              },
            ]
          : []),
      ],
    },
  };
}

/** Who holds a pegged asset at its peg: a running bridge's arbitrage, or nobody. */
function arbitrageNote(report: ModelReport): string {
  const bridges = report.bridges ?? [];
  if (bridges.length === 0) return "Nothing arbitrages it back within the cascade";
  return bridges
    .map((b) =>
      b.halted
        ? `${b.asset}'s bridge arbitrage holds it at the peg until the bridge halts at block ${b.haltBlock} (dashed), nothing after`
        : `${b.asset}'s bridge arbitrage holds it at the peg`,
    )
    .join("; ");
}

function gexChart(report: ModelReport): ChartSpec {
  const r = report.rounds;
  return {
    id: "gex",
    title: "Dealer gamma exposure per 1% move",
    caption: `Net dealer GEX in USD per 1% move at each block's price (negative: dealers sell into falls). Gamma Neutrality Price: ${
      report.thresholds.gammaNeutralityPrice === null
        ? "none"
        : `$${report.thresholds.gammaNeutralityPrice.toFixed(2)}`
    }.`,
    spec: {
      width: WIDTH,
      height: 200,
      data: { values: r.map((x) => ({ block: x.block, gex: x.gexUsdPer1Pct, price: x.marketPrice })) },
      mark: { type: "area", line: true, opacity: 0.3 },
      encoding: {
        x: { field: "block", type: "quantitative", title: "block" },
        y: { field: "gex", type: "quantitative", title: "USD per 1%", axis: { format: "$~s" } },
        tooltip: [
          { field: "block" },
          { field: "price", format: usdFormat },
          { field: "gex", format: "$,.0f" },
        ],
      },
    },
  };
}

function ssfChart(report: ModelReport): ChartSpec | undefined {
  const ssf = report.thresholds.ssf;
  if (!ssf) return undefined;
  return {
    id: "ssf",
    title: "Systemic Solvency Failure search",
    caption: `Every cascade the search ran, by shock depth: a grid every ${(ssf.gridStep * 100).toFixed(1)} pt, each change of verdict refined to ${(ssf.precision * 100).toFixed(2)} pt. Shaded: failure intervals. ${ssf.monotone ? "Monotone at this resolution." : "Not monotone."}`,
    spec: {
      width: WIDTH,
      height: 120,
      layer: [
        {
          data: { values: ssf.intervals.map((i) => ({ from: -i.from, to: -i.to })) },
          mark: { type: "rect", color: "#ffcdd2" },
          encoding: {
            x: {
              field: "to",
              type: "quantitative",
              title: "shock",
              axis: { format: "%" },
              scale: { domain: [-1, 0] },
            },
            x2: { field: "from" },
          },
        },
        {
          data: {
            values: ssf.runs.map((p) => ({
              depth: -p.shock,
              verdict: p.failing.length ? "fails" : "holds",
            })),
          },
          mark: { type: "point", filled: true, size: 50 },
          encoding: {
            x: { field: "depth", type: "quantitative", axis: { format: "%" } },
            color: {
              field: "verdict",
              type: "nominal",
              scale: { domain: ["holds", "fails"], range: ["#2e7d32", "#c62828"] },
              title: null,
            },
          },
        },
      ],
    },
  };
}

function lacChart(report: ModelReport): ChartSpec | undefined {
  const lac = Object.entries(report.thresholds.lac);
  if (!lac.length) return undefined;
  return {
    id: "lac",
    title: "Liquidity Absorption Capacity",
    caption:
      "Underlying each pool absorbs before its price falls 5% / 10%: marginal (the pool's price after the sale) and average (the sale's average price, fee included).",
    spec: {
      width: WIDTH,
      height: 180,
      data: {
        values: lac.flatMap(([pool, l]) =>
          (
            [
              ["5% marginal", l.at5.marginal.underlying],
              ["5% average", l.at5.average.underlying],
              ["10% marginal", l.at10.marginal.underlying],
              ["10% average", l.at10.average.underlying],
            ] as const
          ).map(([measure, underlying]) => ({ pool, measure, underlying })),
        ),
      },
      mark: { type: "bar" },
      encoding: {
        y: { field: "pool", type: "nominal", title: null },
        yOffset: { field: "measure" },
        x: { field: "underlying", type: "quantitative", title: "underlying", axis: { format: ",.0f" } },
        color: { field: "measure", type: "nominal", title: null },
      },
    },
  };
}

function gexProfileChart(report: ModelReport): ChartSpec | undefined {
  const points = report.thresholds.gexProfile ?? [];
  if (!points.some((p) => p.gexUsdPer1Pct !== 0)) return undefined;
  const flip = report.thresholds.gammaNeutralityPrice;
  const spot = report.rounds[0]?.marketPrice ?? points[Math.floor(points.length / 2)]!.price;
  const rules = [
    { price: spot, label: `start $${spot.toFixed(0)}`, side: "left" },
    ...(flip !== null ? [{ price: flip, label: `gamma flip $${flip.toFixed(2)}`, side: "right" }] : []),
  ];
  // Each label on its own side of its rule (the start and the flip are often close).
  const label = (side: string, align: string, dx: number) => ({
    data: { values: rules.filter((r) => r.side === side) },
    mark: { type: "text", align, dx, dy: -95, color: "#c62828" },
    encoding: { x: { field: "price", type: "quantitative" }, text: { field: "label" } },
  });
  return {
    id: "gex-profile",
    title: "Dealer GEX profile and the gamma flip",
    caption: `Net dealer GEX per 1% move if the price were at each level (50–150% of the start, surface unstressed). Below the flip${flip !== null ? ` ($${flip.toFixed(2)})` : ""} dealers are short gamma: their hedges sell into falls.`,
    spec: {
      width: WIDTH,
      height: 220,
      layer: [
        {
          data: { values: points.map((p) => ({ price: p.price, gex: p.gexUsdPer1Pct })) },
          mark: { type: "area", line: true, opacity: 0.3, point: true },
          encoding: {
            x: { field: "price", type: "quantitative", title: "price (USD)", axis: { format: usdFormat } },
            y: { field: "gex", type: "quantitative", title: "USD per 1%", axis: { format: "$~s" } },
            tooltip: [
              { field: "price", format: usdFormat },
              { field: "gex", format: "$,.0f" },
            ],
          },
        },
        {
          data: { values: rules },
          mark: { type: "rule", strokeDash: [4, 3], color: "#c62828" },
          encoding: { x: { field: "price", type: "quantitative" }, tooltip: [{ field: "label" }] },
        },
        label("left", "right", -4),
        label("right", "left", 4),
      ],
    },
  };
}

function lacCurvesChart(report: ModelReport): ChartSpec | undefined {
  const curves = Object.entries(report.thresholds.lacCurves ?? {});
  if (!curves.length) return undefined;
  return {
    id: "lac-curves",
    title: "Liquidity Absorption Capacity curves",
    caption:
      "Underlying each pool absorbs (USD at the start price) before its marginal price has fallen by each amount: the LAC at 5% and 10% are two points of these curves.",
    spec: {
      width: WIDTH,
      height: 220,
      layer: [
        {
          data: {
            values: curves.flatMap(([pool, points]) =>
              points.map((p) => ({ pool, fall: -p.slippage, usd: p.usd, underlying: p.underlying })),
            ),
          },
          mark: { type: "line", point: true },
          encoding: {
            x: { field: "fall", type: "quantitative", title: "price move", axis: { format: "%" } },
            y: {
              field: "usd",
              type: "quantitative",
              title: "sold (USD)",
              axis: { format: "$~s" },
              scale: { type: "log" },
            },
            color: { field: "pool", type: "nominal", title: null, legend: { orient: "top" } },
            tooltip: [
              { field: "pool" },
              { field: "fall", format: ".0%" },
              { field: "underlying", format: ",.1f" },
              { field: "usd", format: "$,.0f" },
            ],
          },
        },
        {
          data: { values: [{ fall: -0.05 }, { fall: -0.1 }] },
          mark: { type: "rule", strokeDash: [4, 3], color: "#888" },
          encoding: { x: { field: "fall", type: "quantitative" } },
        },
      ],
    },
  };
}
