import type { MarketModel } from "../cascade/types.js";
import type { Scenario } from "../scenario/schema.js";
import { aaveMarketBuilder } from "./aave/buildAaveMarketModel.js";
import { compoundMarketBuilder } from "./compound/buildCompoundMarketModel.js";
import { morphoMarketBuilder } from "./morpho/buildMorphoMarketModel.js";
import type { AssetFacts, MarketModelBuilder, PositionSink } from "./types.js";

const builders: { [K in MarketModel["kind"]]: MarketModelBuilder<Extract<MarketModel, { kind: K }>> } = {
  "aave-v3": aaveMarketBuilder,
  "compound-v3": compoundMarketBuilder,
  "morpho-blue": morphoMarketBuilder,
};

/**
 * A market model from its scenario section, and how its borrowers are taken in: the one place
 * buildCascadeState tells market kinds apart.
 *
 * @param spec - the scenario's market.
 * @param asset - an asset's decimals and price.
 * @returns the model (no positions yet), a sink factory per borrower set, collateral thresholds, and
 *   `complete` (once, after every borrower set), and `refuseUnopenable` (a book the protocol could not open).
 */
export function buildMarketModel(
  spec: Scenario["markets"][number],
  asset: (symbol: string) => AssetFacts,
): {
  market: MarketModel;
  positions: () => PositionSink;
  liquidationThreshold: (collateral: string, eMode?: number) => number;
  link: (markets: ReadonlyMap<string, MarketModel>) => void;
  complete: () => void;
  refuseUnopenable: () => void;
} {
  const decimalsOf = (symbol: string) => asset(symbol).decimals;
  const builder = builders[spec.kind] as unknown as MarketModelBuilder<MarketModel>;
  const market = builder.build(spec as never, asset);
  return {
    market,
    positions: () => builder.positions(market, decimalsOf),
    liquidationThreshold: (collateral, eMode) => builder.liquidationThreshold(market, collateral, eMode),
    link: (markets) => builder.link?.(market, markets),
    complete: () => builder.complete?.(market, spec as never, asset),
    refuseUnopenable: () => builder.refuseUnopenable?.(market, asset),
  };
}
