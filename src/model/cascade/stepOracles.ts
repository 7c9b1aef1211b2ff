import { exchangeRateE8 } from "./pegPrice.js";
import type { OracleModel, PegModel } from "./types.js";
import { updateOracle } from "./updateOracle.js";

/**
 * Every oracle one block on: each market observer applies its policy to its asset's market price history
 * (`updateOracle`), then each exchange-rate oracle is its peg asset's new answer times the rate, moving when
 * that answer does. Model and chain-side check step the same way.
 *
 * @param oracles - the oracles before the block (not modified).
 * @param at - the block, its length, each asset's market price history (index = block; the underlying's from
 *   the reference pool, a pegged asset's from `pegMarketE8`) and the pegged assets.
 * @returns the oracles after the block: an oracle that pushed is a new object, the others the same ones.
 * @example stepOracles(oracles, { block: 3, blockTimeSeconds: 12, marketE8: (s) => series[s], pegs: [] });
 */
export function stepOracles(
  oracles: readonly OracleModel[],
  at: {
    block: number;
    blockTimeSeconds: number;
    marketE8: (symbol: string) => readonly bigint[];
    pegs: readonly PegModel[];
  },
): OracleModel[] {
  const next = oracles.map((o) =>
    o.policy.kind === "fixed" || o.policy.kind === "exchange-rate"
      ? o
      : updateOracle(o, at.block, at.blockTimeSeconds, at.marketE8(o.symbol)),
  );
  return next.map((o) => {
    if (o.policy.kind !== "exchange-rate") return o;
    const peg = at.pegs.find((p) => p.symbol === o.symbol)!;
    const priceE8 = exchangeRateE8(peg, next.find((b) => b.symbol === peg.asset)!.priceE8);
    return priceE8 === o.priceE8 ? o : { ...o, priceE8, lastPushBlock: at.block };
  });
}
