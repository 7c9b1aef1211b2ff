import { poolPriceE8 } from "../../model/cascade/poolPrice.js";
import type { CascadeAction, OracleModel, PoolModel } from "../../model/cascade/types.js";
import { updateOracle } from "../../model/cascade/updateOracle.js";
import type { OnChainRun } from "./types.js";

/**
 * The oracle policy applied independently on the chain's side (see OnChainRun.oracleCheck): `step` feeds
 * the scenario's policy with the reference price the chain showed at a block and compares its pushes with
 * the rounds the model pushed.
 *
 * @param parameters - the oracles the cascade starts from, the reference pool, the model's actions, block time.
 * @returns `step(block, observed)` and the running `result`.
 * @example const oracles = createOracleCheck({ oracles, reference, actions, blockTimeSeconds: 12 }); oracles.step(1, pool);
 */
export function createOracleCheck(parameters: {
  oracles: OracleModel[];
  reference: PoolModel;
  actions: readonly CascadeAction[];
  blockTimeSeconds: number;
}) {
  const marketE8: bigint[] = [poolPriceE8(parameters.reference)];
  let oracles = parameters.oracles;
  const modelPushes = new Map<string, bigint>();
  for (const a of parameters.actions)
    if (a.kind === "oracle") modelPushes.set(`${a.block}:${a.symbol}`, a.priceE8);
  const result: OnChainRun["oracleCheck"] = { blocks: 0, pushes: 0, agreed: 0, disagreements: [] };
  const step = (block: number, observed: PoolModel) => {
    marketE8[block] = poolPriceE8(observed);
    result.blocks++;
    oracles = oracles.map((o) => {
      if (o.policy.kind === "fixed") return o;
      const next = updateOracle(o, block, parameters.blockTimeSeconds, marketE8);
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
      return next;
    });
  };
  return { step, result };
}
