import type { ModelReport } from "../model/runModel.js";
import type { OnChainRun } from "./chainLoop/types.js";

export type Comparison = {
  /** Every model action replayed on chain: how many matched to the wei. */
  actions: OnChainRun["actions"] & { exactShare: number };
  rounds: { block: number; chainPrice: number; modelPrice: number; priceDiffBps: number }[];
  maxPriceDiffBps: number;
  totals: Record<string, { chain: number; model: number; diff: number }>;
  badDebt: Record<string, { chain: number; model: number; diff: number; source: string }>;
  lac: Record<string, { at5: { chain: number; model: number }; at10: { chain: number; model: number } }>;
  /** Plain-language reasons for every difference the report shows. */
  explanations: string[];
};

/**
 * Puts the chain's run beside the model's: action agreement, per-round price difference in bps, totals,
 * bad debt per protocol, LAC; and says why any difference exists.
 *
 * @param model - the model's report on the state read off the chain.
 * @param chain - the chain's run of the same actions.
 * @returns the comparison section of report.json.
 */
export function compareRuns(model: ModelReport, chain: OnChainRun): Comparison {
  const rounds = chain.rounds.map((r) => ({
    block: r.block,
    chainPrice: r.marketPrice,
    modelPrice: r.modelMarketPrice,
    priceDiffBps: r.priceDiffBps,
  }));
  const pair = (c: number, m: number) => ({ chain: c, model: m, diff: c - m });
  const modelLiquidations = model.events.filter(
    (e) => (e.kind === "liquidationCall" && e.debtAmount !== "0") || e.kind === "absorb",
  ).length;
  const badDebt: Comparison["badDebt"] = {};
  for (const [id, loss] of Object.entries(chain.totals.badDebtByProtocol)) {
    const m = model.totals.badDebtByProtocol[id];
    badDebt[id] = { ...pair(loss.totalUsd, m?.totalUsd ?? 0), source: loss.source };
  }
  const lac: Comparison["lac"] = {};
  for (const [id, l] of Object.entries(chain.lac)) {
    const m = model.thresholds.lac[id];
    if (m)
      lac[id] = {
        at5: { chain: l.at5Underlying, model: m.at5.marginal.underlying },
        at10: { chain: l.at10Underlying, model: m.at10.marginal.underlying },
      };
  }
  const explanations: string[] = [];
  if (chain.actions.mismatched === 0)
    explanations.push(
      `All ${chain.actions.executed} transactions gave exactly the model's integers (swaps: amounts and price; liquidations: debt repaid, collateral seized, sale proceeds).`,
    );
  else
    explanations.push(
      `${chain.actions.mismatched} of ${chain.actions.executed} transactions differed from the model: see mismatches (each lists expected and actual integers).`,
    );
  if (chain.actions.modelOnly > 0)
    explanations.push(
      `${chain.actions.modelOnly} model actions have no chain counterpart on this chain (markets or pools that are model-only here); their pool trades still ran, so prices stay comparable.`,
    );
  if (chain.totals.liquidations !== chain.totals.modelLiquidations)
    explanations.push(
      `Liquidations and absorbs on chain: ${chain.totals.liquidations}, in the model ${chain.totals.modelLiquidations}; the difference is the reverted or mismatched transactions above.`,
    );
  if (modelLiquidations !== chain.totals.modelLiquidations)
    explanations.push(
      `The model's totals also count ${modelLiquidations - chain.totals.modelLiquidations} liquidations or absorbs on markets that are model-only here (see modelOnly for why).`,
    );
  explanations.push(
    "Liquidated value is priced at the oracle on both sides; bad debt counts v3.0's unbacked debt (no collateral left) plus positions insolvent at the final market price.",
  );
  explanations.push(
    "LAC: the chain measures the marginal definition (a sale stopped by a −5%/−10% price limit, then reverted) on the real pools before the cascade; the model's average-execution definition is in the model section.",
  );
  return {
    actions: {
      ...chain.actions,
      exactShare: chain.actions.executed ? chain.actions.exact / chain.actions.executed : 1,
    },
    rounds,
    maxPriceDiffBps: rounds.reduce((m, r) => Math.max(m, Math.abs(r.priceDiffBps)), 0),
    totals: {
      valueLiquidatedUsdOnChainMarkets: pair(
        chain.totals.valueLiquidatedUsd,
        chain.totals.modelValueLiquidatedUsd,
      ),
      liquidationsOnChainMarkets: pair(chain.totals.liquidations, chain.totals.modelLiquidations),
      finalPrice: pair(chain.totals.finalPrice, model.totals.finalPrice),
      minPrice: pair(chain.totals.minPrice, model.totals.minPrice),
      hedgeVolumeUnderlying: pair(chain.totals.hedgeVolumeUnderlying, model.totals.hedgeVolumeUnderlying),
    },
    badDebt,
    lac,
    explanations,
  };
}
