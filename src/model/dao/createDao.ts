import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { MarketModel } from "../cascade/types.js";
import type { LendingMarket } from "../markets/types.js";
import { DAO_LEVERS, type DaoPolicy } from "../scenario/daoSchema.js";
import { createDaoBackstop } from "./createDaoBackstop.js";
import { createDaoMandates } from "./createDaoMandates.js";
import { createDaoMargins } from "./createDaoMargins.js";
import { daoMemberOf } from "./daoMemberOf.js";
import type { DaoMember, DaoOutcome, DaoReplay, DaoTightening } from "./types.js";

/** The DAO in one cascade: its stages and what it did. */
export type Dao = {
  /**
   * After the oracles, before the liquidations: the mandates (the trigger's liquidation delay and standard
   * margin, lifting a Comet pause once the delay is over) and, every `everyBlocks`, the live SSF and the
   * margin cut. Returns whether any reserve's terms changed (the cascade rebuilds its queues) and whether
   * a delay holds liquidations (the cascade is not at a fixed point while one does).
   */
  beforeLiquidations(): { reconfigured: boolean; holding: boolean };
  /** After the liquidations: the fund buys the underlying while its trigger holds. Returns whether it bought. */
  afterLiquidations(): boolean;
  outcome(): DaoOutcome;
};

/**
 * The Sovereign Risk DAO of a scenario's policy (`state.dao`), acting on its member markets:
 * 1. margins — every `everyBlocks` blocks the live SSF: further falls of 0, probeStep, … below `ssfBelow`,
 *    each a model cascade from block 0 that replays this one up to now (`probe`); when one fails, every
 *    member's collateral is cut by `stepBps` (LTV and threshold, the threshold not below the floor): Aave
 *    through its configurator, Comet through its Configurator and a proxy upgrade (daoMemberOf);
 * 2. backstop — at the end of every block its fall trigger holds, its contract spends up to
 *    `maxPerBlockUsd` of its stablecoins on the underlying (exact input on its pool), until it is spent;
 * 3. mandates — when its trigger first fires: every member's liquidations wait `liquidationDelaySeconds`
 *    (Aave: each reserve's liquidation grace period; Comet: absorb paused, lifted after the delay;
 *    Morpho Blue: no pause, noted), and the standard margin caps every member's terms on its asset.
 * Morpho Blue's terms are not cut: its LLTV is fixed (noted in the outcome: see `notApplied`).
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets.
 * @param parameters - the policy; `probe(furtherFall, tightenings)`, whether a live-SSF probe fails; a replay (inside a probe).
 * @returns the DAO's stages.
 */
export function createDao(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  parameters: {
    policy: DaoPolicy;
    probe: (furtherFall: number, tightenings: readonly DaoTightening[]) => boolean;
    replay?: DaoReplay;
  },
): Dao {
  const { policy, probe, replay } = parameters;
  const members = ctx.state.markets.filter((m) => !policy.members || policy.members.includes(m.id));
  const terms = members.flatMap((m) => daoMemberOf(ctx, markets, m) ?? []) as DaoMember[];
  const tightenings: DaoTightening[] = [];
  const margins = policy.margins?.enabled
    ? createDaoMargins(ctx, markets, { margins: policy.margins, members: terms, probe, replay, tightenings })
    : undefined;
  const mandates = policy.mandates?.enabled
    ? createDaoMandates(ctx, markets, { mandates: policy.mandates, members, terms, tightenings })
    : undefined;
  const backstop = policy.backstop?.enabled ? createDaoBackstop(ctx, policy.backstop) : undefined;
  return {
    beforeLiquidations() {
      const m = mandates?.step() ?? { changed: false, holding: false };
      const cut = margins?.step() ?? false;
      return { reconfigured: m.changed || cut, holding: m.holding };
    },
    afterLiquidations: () => backstop?.step() ?? false,
    outcome() {
      const borrowerCost = tightenings.reduce(
        (s, t) => ({
          positions: s.positions + t.pushedIntoLiquidation,
          debtUsd: s.debtUsd + t.pushedDebtUsd,
        }),
        { positions: 0, debtUsd: 0 },
      );
      return {
        levers: DAO_LEVERS.filter((l) => policy[l]?.enabled),
        readings: margins?.readings ?? [],
        tightenings,
        holds: mandates?.holds ?? [],
        borrowerCost,
        notApplied: notAppliedOf(members, policy),
        ...(backstop ? { backstop: backstop.outcome() } : {}),
      };
    },
  };
}

/** Members a lever cannot act on, and why. */
function notAppliedOf(members: readonly MarketModel[], policy: DaoPolicy): DaoOutcome["notApplied"] {
  const out: DaoOutcome["notApplied"] = [];
  for (const m of members) {
    if (m.kind === "morpho-blue") {
      if (policy.margins?.enabled || policy.mandates?.standardMargin)
        out.push({
          market: m.id,
          lever: "margins",
          why: "Morpho Blue's LLTV is fixed when the market is created",
        });
      if (policy.mandates?.enabled)
        out.push({
          market: m.id,
          lever: "mandates",
          why: "Morpho Blue has no pause: its liquidations cannot be delayed",
        });
    }
  }
  return out;
}
