import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { LendingMarket } from "../markets/types.js";
import type { DaoMember, DaoTightening, MemberTerms } from "./types.js";

/**
 * Cuts one member's collateral terms (each asset to `terms(asset)`, where that differs from today's) in one
 * change through its protocol's admin path (`member.set`), and counts what the cut itself costs borrowers:
 * the positions liquidatable by the protocol's rule right after it and not right before, at the same
 * oracle prices.
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets.
 * @param cut - the member, who cuts, and an asset's new LTV and threshold (undefined: leave it).
 * @returns the tightening, or undefined when nothing changed.
 */
export function tightenMember(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  cut: {
    member: DaoMember;
    by: DaoTightening["by"];
    terms: (now: MemberTerms) => { ltvBps: bigint; liquidationThresholdBps: bigint } | undefined;
  },
): DaoTightening | undefined {
  const { member, by } = cut;
  const lending = markets.find((m) => m.id === member.id)!;
  const changes = member.terms().flatMap((now): MemberTerms[] => {
    const t = cut.terms(now);
    if (!t || (t.ltvBps === now.ltvBps && t.liquidationThresholdBps === now.liquidationThresholdBps))
      return [];
    return [{ asset: now.asset, ...t }];
  });
  if (changes.length === 0) return undefined;
  const before = new Set(lending.liquidatable?.() ?? []);
  member.set(changes, by);
  const pushed = (lending.liquidatable?.() ?? []).filter((i) => !before.has(i));
  return {
    block: ctx.block,
    market: member.id,
    by,
    reserves: changes.map((c) => ({
      asset: c.asset,
      ltvBps: Number(c.ltvBps),
      liquidationThresholdBps: Number(c.liquidationThresholdBps),
    })),
    pushedIntoLiquidation: pushed.length,
    pushedDebtUsd: pushed.reduce((s, i) => s + lending.debtUsd(i), 0),
  };
}
