import { createMarketSeries } from "../../model/cascade/createMarketSeries.js";
import { stepOracles } from "../../model/cascade/stepOracles.js";
import type { CascadeAction, OracleModel, PegModel, PoolModel } from "../../model/cascade/types.js";
import type { OnChainRun } from "./types.js";

/** What the chain showed when a block's oracles observed the market: the reference pool, each pegged asset's own pool. */
export type OracleObservation = { reference: PoolModel; pegPools: ReadonlyMap<string, PoolModel> };

/**
 * The oracle policy applied independently on the chain's side (see OnChainRun.oracleCheck): `step` feeds
 * the scenario's policies (`stepOracles`, as the model steps them) with the market the chain showed at a
 * block — the reference pool's price, and each pegged asset's own pool's price times it — and compares its
 * pushes with the rounds the model pushed.
 *
 * @param parameters - the oracles the cascade starts from, the pegged assets, what the chain showed at
 *   block 0, the model's actions, block time.
 * @returns `step(block, observed)` and the running `result`.
 * @example const oracles = createOracleCheck({ oracles, pegs, observed, actions, blockTimeSeconds: 12 }); oracles.step(1, observed);
 */
export function createOracleCheck(parameters: {
  oracles: OracleModel[];
  pegs: readonly PegModel[];
  observed: OracleObservation;
  actions: readonly CascadeAction[];
  blockTimeSeconds: number;
}) {
  const { pegs } = parameters;
  const series = createMarketSeries(pegs);
  const observe = (block: number, observed: OracleObservation) =>
    series.record(block, observed.reference, (p) => observed.pegPools.get(p.symbol)!);
  observe(0, parameters.observed);
  let oracles = parameters.oracles;
  const modelPushes = new Map<string, bigint>();
  for (const a of parameters.actions)
    if (a.kind === "oracle") modelPushes.set(`${a.block}:${a.symbol}`, a.priceE8);
  const result: OnChainRun["oracleCheck"] = { blocks: 0, pushes: 0, agreed: 0, disagreements: [] };
  const step = (block: number, observed: OracleObservation) => {
    observe(block, observed);
    result.blocks++;
    const before = oracles;
    oracles = stepOracles(before, {
      block,
      blockTimeSeconds: parameters.blockTimeSeconds,
      marketE8: series.of,
      pegs,
    });
    oracles.forEach((next, i) => {
      const o = before[i]!;
      if (o.policy.kind === "fixed") return;
      const pushed = next !== o;
      const model = modelPushes.get(`${block}:${o.symbol}`);
      if (pushed) result.pushes++;
      if (pushed === (model !== undefined) && (!pushed || next.priceE8 === model)) result.agreed++;
      else if (result.disagreements.length < 50)
        result.disagreements.push({
          block,
          symbol: o.symbol,
          chain: pushed ? String(next.priceE8) : "no push",
          model: model === undefined ? "no push" : String(model),
        });
    });
  };
  return { step, result };
}
