import { marketPriceAtEnd } from "../../model/cascade/marketPriceAtEnd.js";
import { poolPriceE8 } from "../../model/cascade/poolPrice.js";
import type { CascadeState } from "../../model/cascade/types.js";
import { saleValue } from "../../model/safetyModule/saleValue.js";
import { readCascadeState } from "../readCascadeState.js";
import type { ChainLoop, ChainLoss } from "./types.js";

/**
 * The end of a chain run: every market on chain read back and its losses measured from the chain's own
 * balances (at the oracle the model pushed and the final pool price); markets that exist only in the model
 * keep the model's figures, marked `model-only`.
 *
 * @param loop - the chain loop.
 * @returns the losses by protocol, the positions still liquidatable on chain, and the final price.
 */
export async function measureChainLosses(
  loop: ChainLoop,
): Promise<{ badDebtByProtocol: Record<string, ChainLoss>; liquidatableLeft: number; finalPrice: number }> {
  const { initial, model } = loop.parameters;
  const final = await readCascadeState(loop.chain, { book: loop.book, base: initial });
  const finalRef = final.pools.find((p) => p.id === initial.referencePoolId)!;
  const finalPrice = Number(poolPriceE8(finalRef)) / 1e8;
  const prices = {
    oracleE8: (symbol: string) => loop.oracleE8.get(symbol) ?? 0n,
    marketPriceOf: marketPriceAtEnd(final, (symbol) => loop.oracleUsd.get(symbol) ?? 0),
  };
  const badDebtByProtocol: Record<string, ChainLoss> = {};
  let liquidatableLeft = 0;
  for (const market of final.markets) {
    const onChain = loop.markets.get(market.id);
    if (!onChain) {
      const m = model.totals.badDebtByProtocol[market.id];
      if (m) badDebtByProtocol[market.id] = { ...m, source: "model-only" };
      continue;
    }
    const losses = onChain.measureLosses(market, prices);
    liquidatableLeft += losses.liquidatable;
    const total = losses.realizedUsd + losses.insolventOpenUsd;
    const fund = onChain.insuranceFundUsd + backstopUsd(loop, final, market.id);
    badDebtByProtocol[market.id] = {
      realizedUsd: losses.realizedUsd,
      insolventOpenUsd: losses.insolventOpenUsd,
      totalUsd: total,
      insuranceFundUsd: fund,
      exceedsInsuranceFund: total > fund,
      source: "chain",
    };
  }
  for (const [id, loss] of Object.entries(model.totals.badDebtByProtocol))
    if (!badDebtByProtocol[id]) badDebtByProtocol[id] = { ...loss, source: "model-only" };
  return { badDebtByProtocol, liquidatableLeft, finalPrice };
}

/**
 * A safety module's value on chain at the end: the quote its sales raised (their Swap events) plus what
 * selling the rest of its slashable stake on the token's pool, as the chain left it, would fetch (USD, the
 * quote at $1); 0 for a market without one.
 */
function backstopUsd(loop: ChainLoop, final: CascadeState, marketId: string): number {
  const module = loop.parameters.initial.safetyModules?.find((m) => m.market === marketId);
  const tally = loop.backstops.get(marketId);
  if (!module || !tally) return 0;
  const pool = final.pools.find((p) => p.id === module.poolId)!;
  const quote = tally.raised + saleValue(pool, module.slashable - tally.sold);
  return Number(quote) / 10 ** loop.parameters.initial.quote.decimals;
}
