import type { CascadeContext } from "../cascade/createCascadeContext.js";
import type { AaveMarketModel } from "../cascade/types.js";
import type { LendingMarket } from "../markets/types.js";
import type { DaoPolicy } from "../scenario/daoSchema.js";
import { tightenAaveMember } from "./tightenAaveMember.js";
import type { DaoReplay, DaoSsfReading, DaoTightening } from "./types.js";

/**
 * The DAO's margin lever: every `everyBlocks` blocks the live SSF — further falls of 0, probeStep, … below
 * `ssfBelow`, each a model cascade from block 0 that replays this one up to now (`probe`) — and, when one
 * fails, every member Aave reserve used as collateral (or the policy's `assets`) cut by `stepBps` (LTV
 * and threshold, the threshold not below the floor). Inside a probe (`replay`) it only replays the cuts
 * made up to the probed block.
 *
 * @param ctx - the cascade context.
 * @param markets - the cascade's markets.
 * @param parameters - the lever, the member Aave markets, the probe, the replay, and where cuts are recorded.
 * @returns `step()` for each block (whether terms changed) and the readings.
 */
export function createDaoMargins(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  parameters: {
    margins: NonNullable<DaoPolicy["margins"]>;
    aaveMembers: readonly AaveMarketModel[];
    probe: (furtherFall: number, tightenings: readonly DaoTightening[]) => boolean;
    replay: DaoReplay | undefined;
    tightenings: DaoTightening[];
  },
): { step(): boolean; readings: DaoSsfReading[] } {
  const { margins: m, aaveMembers, probe, replay, tightenings } = parameters;
  const readings: DaoSsfReading[] = [];
  const cut = (model: AaveMarketModel, terms: Parameters<typeof tightenAaveMember>[2]["terms"]) => {
    const t = tightenAaveMember(ctx, markets, { model, by: "dao-margins", terms });
    if (t) tightenings.push(t);
    return t !== undefined;
  };

  function replayed(r: DaoReplay): boolean {
    let changed = false;
    for (const t of r.tightenings) {
      if (t.block !== ctx.block || t.by !== "dao-margins") continue;
      const terms = new Map(t.reserves.map((x) => [x.asset, x]));
      changed =
        cut(aaveMembers.find((x) => x.id === t.market)!, (res) => {
          const x = terms.get(res.symbol);
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
      for (const model of aaveMembers)
        changed =
          cut(model, (r) => {
            if (r.liquidationThresholdBps === 0n || (m.assets && !m.assets.includes(r.symbol)))
              return undefined;
            let lt = r.liquidationThresholdBps - step;
            if (lt < floor) lt = floor < r.liquidationThresholdBps ? floor : r.liquidationThresholdBps;
            let ltv = r.ltvBps > step ? r.ltvBps - step : 0n;
            if (ltv > lt) ltv = lt;
            return { ltvBps: ltv, liquidationThresholdBps: lt };
          }) || changed;
      return changed;
    },
  };
}
