import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { LendingMarket } from "../markets/types.js";
import type { DaoPolicy } from "../scenario/daoSchema.js";
import { tightenMember } from "./tightenMember.js";
import type { DaoMember, DaoReplay, DaoSsfReading, DaoTightening } from "./types.js";

/**
 * The DAO's margin lever: every `everyBlocks` blocks the live SSF — further falls of 0, probeStep, … below
 * `ssfBelow`, each a model cascade from block 0 that replays this one up to now (`probe`) — and, when one
 * fails, every member's collateral (or the policy's `assets`) cut by `stepBps` (LTV and threshold, the
 * threshold not below the floor, the LTV within what the protocol allows under it): Aave's reserves through
 * the configurator, Comet's factors through its Configurator and a proxy upgrade. Inside a probe (`replay`)
 * it only replays the cuts made up to the probed block.
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets.
 * @param parameters - the lever, the members whose terms can change, the probe, the replay, and where cuts are recorded.
 * @returns `step()` for each block (whether terms changed) and the readings.
 */
export function createDaoMargins(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  parameters: {
    margins: NonNullable<DaoPolicy["margins"]>;
    members: readonly DaoMember[];
    probe: (furtherFall: number, tightenings: readonly DaoTightening[]) => boolean;
    replay: DaoReplay | undefined;
    tightenings: DaoTightening[];
  },
): { step(): boolean; readings: DaoSsfReading[] } {
  const { margins: m, members, probe, replay, tightenings } = parameters;
  const readings: DaoSsfReading[] = [];
  const cut = (member: DaoMember, terms: Parameters<typeof tightenMember>[2]["terms"]) => {
    const t = tightenMember(ctx, markets, { member, by: "dao-margins", terms });
    if (t) tightenings.push(t);
    return t !== undefined;
  };

  function replayed(r: DaoReplay): boolean {
    let changed = false;
    for (const t of r.tightenings) {
      if (t.block !== ctx.block || t.by !== "dao-margins") continue;
      const terms = new Map(t.reserves.map((x) => [x.asset, x]));
      changed =
        cut(members.find((x) => x.id === t.market)!, (now) => {
          const x = terms.get(now.asset);
          return (
            x && { ltvBps: BigInt(x.ltvBps), liquidationThresholdBps: BigInt(x.liquidationThresholdBps) }
          );
        }) || changed;
    }
    return changed;
  }

  /** The smallest further fall probed that fails (null: none below the level), and the probes it took. */
  function liveSsf(): DaoSsfReading {
    let probes = 0;
    for (let k = 0; k * m.probeStep < m.ssfBelow - 1e-12; k++) {
      probes++;
      if (probe(k * m.probeStep, tightenings))
        return { block: ctx.block, furtherFall: k * m.probeStep, probes, belowLevel: true };
    }
    return { block: ctx.block, furtherFall: null, probes, belowLevel: false };
  }

  return {
    readings,
    step() {
      if (replay) return replayed(replay);
      if (ctx.block % m.everyBlocks !== 0) return false;
      const reading = liveSsf();
      readings.push(reading);
      if (!reading.belowLevel) return false;
      const step = BigInt(m.stepBps);
      const floor = BigInt(m.floorLiquidationThresholdBps);
      let changed = false;
      for (const member of members)
        changed =
          cut(member, (r) => {
            if (r.liquidationThresholdBps === 0n || (m.assets && !m.assets.includes(r.asset)))
              return undefined;
            let lt = r.liquidationThresholdBps - step;
            if (lt < floor) lt = floor < r.liquidationThresholdBps ? floor : r.liquidationThresholdBps;
            let ltv = r.ltvBps > step ? r.ltvBps - step : 0n;
            const most = member.maxLtvBps(lt);
            if (ltv > most) ltv = most;
            return { ltvBps: ltv, liquidationThresholdBps: lt };
          }) || changed;
      return changed;
    },
  };
}
