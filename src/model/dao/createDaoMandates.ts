import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { MarketModel } from "../cascade/types.js";
import type { LendingMarket } from "../markets/types.js";
import type { DaoPolicy } from "../scenario/daoSchema.js";
import { fallTriggered } from "./fallTriggered.js";
import { tightenMember } from "./tightenMember.js";
import type { DaoHold, DaoMember, DaoTightening } from "./types.js";

/**
 * The DAO's interoperability mandates: when the trigger first fires, every member's liquidations wait
 * `liquidationDelaySeconds` (Aave: each reserve's liquidation grace period, `liquidationGrace` actions;
 * Comet: absorb paused, lifted in the first block past the delay; Morpho Blue: no pause, recorded as
 * `none`), and the standard margin rule caps every member's terms on its asset (Aave's reserve, Comet's
 * factors). Every block it sets
 * which members' liquidations wait (`ctx.liquidationHolds`).
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets.
 * @param parameters - the mandates, the members, those whose terms can change, and where cuts are recorded.
 * @returns `step()` for each block (whether terms changed, whether a delay holds) and the holds.
 */
export function createDaoMandates(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  parameters: {
    mandates: NonNullable<DaoPolicy["mandates"]>;
    members: readonly MarketModel[];
    terms: readonly DaoMember[];
    tightenings: DaoTightening[];
  },
): { step(): { changed: boolean; holding: boolean }; holds: DaoHold[] } {
  const { mandates: m, members, terms, tightenings } = parameters;
  const holds: DaoHold[] = [];
  let fired = false;
  const now = () => ctx.block * ctx.state.blockTimeSeconds;

  function fire(): boolean {
    const until = now() + m.liquidationDelaySeconds;
    const hold = (market: string, via: DaoHold["via"]) =>
      holds.push({ market, via, fromBlock: ctx.block, untilSeconds: until });
    for (const model of members) {
      if (model.kind === "aave-v3") {
        for (const r of model.reserves)
          ctx.onAction?.({
            block: ctx.block,
            kind: "liquidationGrace",
            market: model.id,
            asset: r.symbol,
            graceSeconds: m.liquidationDelaySeconds,
          });
        hold(model.id, "aave-grace-period");
      } else if (model.kind === "compound-v3") {
        ctx.onAction?.({ block: ctx.block, kind: "absorbPause", market: model.id, paused: true });
        hold(model.id, "comet-absorb-pause");
      } else hold(model.id, "none");
    }
    const sm = m.standardMargin;
    if (!sm) return false;
    let changed = false;
    for (const member of terms) {
      const t = tightenMember(ctx, markets, {
        member,
        by: "dao-standard-margin",
        terms: (r) => {
          if (r.asset !== sm.asset) return undefined;
          const max = BigInt(sm.maxLiquidationThresholdBps);
          const lt = r.liquidationThresholdBps < max ? r.liquidationThresholdBps : max;
          const maxLtv = BigInt(sm.maxLtvBps);
          const ltv = r.ltvBps < maxLtv ? r.ltvBps : maxLtv;
          const most = member.maxLtvBps(lt);
          return { ltvBps: ltv > most ? most : ltv, liquidationThresholdBps: lt };
        },
      });
      if (t) tightenings.push(t);
      changed ||= t !== undefined;
    }
    return changed;
  }

  return {
    holds,
    step() {
      let changed = false;
      if (!fired && fallTriggered(ctx.state.priceHistory, m.trigger)) {
        fired = true;
        changed = fire();
      }
      ctx.liquidationHolds.clear();
      for (const h of holds) {
        if (h.via === "none") continue;
        // Aave allows a liquidation once liquidationGracePeriodUntil < block.timestamp; Comet's lift mirrors it.
        if (now() <= h.untilSeconds) ctx.liquidationHolds.add(h.market);
        else if (h.via === "comet-absorb-pause" && h.liftedBlock === undefined) {
          h.liftedBlock = ctx.block;
          ctx.onAction?.({ block: ctx.block, kind: "absorbPause", market: h.market, paused: false });
        }
      }
      return { changed, holding: ctx.liquidationHolds.size > 0 };
    },
  };
}
