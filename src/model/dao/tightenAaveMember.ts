import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { AaveMarketModel } from "../cascade/types.js";
import { setAaveReserveTerms } from "../markets/aave/setAaveReserveTerms.js";
import type { LendingMarket } from "../markets/types.js";
import type { DaoTightening } from "./types.js";

/**
 * Cuts one member Aave market's collateral terms (each reserve to `terms(reserve)`, where that differs from
 * today's) through the configurator (`setAaveReserveTerms`), and counts what the cut itself costs
 * borrowers: the positions liquidatable by the pool's rule right after it and not right before, at the
 * same oracle prices.
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets.
 * @param cut - the member, who cuts, and the new LTV and threshold of a reserve (undefined: leave it).
 * @returns the tightening, or undefined when nothing changed.
 */
export function tightenAaveMember(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  cut: {
    model: AaveMarketModel;
    by: DaoTightening["by"];
    terms: (
      reserve: AaveMarketModel["reserves"][number],
    ) => { ltvBps: bigint; liquidationThresholdBps: bigint } | undefined;
  },
): DaoTightening | undefined {
  const { model, by } = cut;
  const lending = markets.find((m) => m.id === model.id)!;
  const changes = model.reserves.flatMap((r, i) => {
    const t = cut.terms(r);
    if (!t || (t.ltvBps === r.ltvBps && t.liquidationThresholdBps === r.liquidationThresholdBps)) return [];
    return [{ i, ...t }];
  });
  if (changes.length === 0) return undefined;
  const before = new Set(lending.liquidatable?.() ?? []);
  const reserves: DaoTightening["reserves"] = [];
  for (const c of changes) {
    setAaveReserveTerms(ctx, markets, {
      market: model,
      reserve: c.i,
      ltvBps: c.ltvBps,
      liquidationThresholdBps: c.liquidationThresholdBps,
      by,
    });
    reserves.push({
      asset: model.reserves[c.i]!.symbol,
      ltvBps: Number(c.ltvBps),
      liquidationThresholdBps: Number(c.liquidationThresholdBps),
    });
  }
  const pushed = (lending.liquidatable?.() ?? []).filter((i) => !before.has(i));
  return {
    block: ctx.block,
    market: model.id,
    by,
    reserves,
    pushedIntoLiquidation: pushed.length,
    pushedDebtUsd: pushed.reduce((s, i) => s + lending.debtUsd(i), 0),
  };
}
