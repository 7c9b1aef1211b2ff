import { readFileSync } from "node:fs";
import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import { runModel } from "../../src/model/runModel.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";

const scenario = (name: string, patch: (s: Record<string, unknown>) => void = () => {}) => {
  const raw = JSON.parse(readFileSync(`scenarios/${name}.json`, "utf8"));
  patch(raw);
  return parseScenario(raw);
};

describe("runCascade", () => {
  it("default: the seed's crash propagates — liquidations happen, price falls past the shock, and it stops at a fixed point", () => {
    const s = scenario("eth-crash-40pct-15m");
    const r = runCascade(buildCascadeState(s), {
      shock: shockMultipliers(s.shock, s.blockTimeSeconds),
      maxBlocks: s.maxBlocks,
      seed: s.seed,
    });
    expect(r.stopReason).to.equal("fixed-point");
    expect(r.totals.liquidations).to.be.greaterThan(0);
    expect(r.totals.finalPrice).to.be.lessThan(r.totals.startPrice * 0.6);
    // At the fixed point nothing is left to liquidate at capacity: the last rounds are quiet.
    expect(r.rounds.at(-1)!.liquidations).to.equal(0);
  });
  it("behavior: the quiet control liquidates nothing and has no bad debt", () => {
    const s = scenario("quiet-market-control");
    const r = runCascade(buildCascadeState(s), {
      shock: shockMultipliers(s.shock, s.blockTimeSeconds),
      maxBlocks: s.maxBlocks,
      seed: s.seed,
    });
    expect(r.totals.liquidations).to.equal(0);
    expect(r.totals.badDebtUsd).to.equal(0);
  });
  it("behavior: same seed, same report; the input state is not mutated", () => {
    const s = scenario("eth-crash-40pct-15m");
    const state = buildCascadeState(s);
    const before = JSON.stringify(state, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    const a = runModel(s, { state, skipSsf: true });
    const b = runModel(s, { state, skipSsf: true });
    expect(JSON.stringify(a.rounds)).to.equal(JSON.stringify(b.rounds));
    expect(JSON.stringify(a.events)).to.equal(JSON.stringify(b.events));
    expect(JSON.stringify(state, (_, v) => (typeof v === "bigint" ? v.toString() : v))).to.equal(before);
  });
  it("behavior: with only exogenous selling (no books, borrowers, perps) the price path is monotone and ends at the shock's depth", () => {
    const s = scenario("eth-crash-40pct-15m", (raw) => {
      raw.optionBooks = [];
      raw.borrowers = [];
      raw.perps = [];
    });
    const r = runCascade(buildCascadeState(s), {
      shock: shockMultipliers(s.shock, s.blockTimeSeconds),
      maxBlocks: s.maxBlocks,
      seed: s.seed,
    });
    for (let i = 1; i < r.rounds.length; i++)
      expect(r.rounds[i]!.marketPrice).to.be.at.most(r.rounds[i - 1]!.marketPrice);
    expect(r.totals.finalPrice / r.totals.startPrice).to.be.closeTo(0.6, 1e-6);
  });
  it("behavior: more oracle latency never lowers the SSF-scenario's bad debt here (0 vs 3 blocks)", () => {
    const run = (latency: number) => {
      const s = scenario("ssf-crossing-thin-liquidity", (raw) => {
        (raw.oracles as { policy: { latencyBlocks?: number } }[])[0]!.policy.latencyBlocks = latency;
      });
      return runCascade(buildCascadeState(s), {
        shock: shockMultipliers(s.shock, s.blockTimeSeconds),
        maxBlocks: s.maxBlocks,
        seed: s.seed,
      }).totals.badDebtUsd;
    };
    expect(run(3)).to.be.at.least(run(0));
  });
});

describe("runModel", () => {
  it("default: the SSF scenario's losses exceed an insurance fund and the SSF threshold lies inside its shock", () => {
    const s = scenario("ssf-crossing-thin-liquidity");
    const r = runModel(s);
    expect(Object.values(r.totals.badDebtByProtocol).some((l) => l.exceedsInsuranceFund)).to.equal(true);
    expect(r.thresholds.ssfShock).to.be.a("number");
    expect(r.thresholds.ssfShock!).to.be.at.most(r.scenario.shockDepth);
    // Bisection bracket: the probe just below the threshold did not fail.
    const below = r.thresholds.ssf!.runs.filter((x) => x.shock < r.thresholds.ssfShock!);
    expect(below.every((x) => x.failing.length === 0)).to.equal(true);
  });
});
