import { readFileSync } from "node:fs";
import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { createRng } from "../../src/model/random/createRng.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { bisectShock } from "../../src/model/thresholds/bisectShock.js";
import { scanShock } from "../../src/model/thresholds/scanShock.js";
import { systemicSolvencyFailure } from "../../src/model/thresholds/systemicSolvencyFailure.js";

/** Drives a scan with a verdict function. */
function drive(scan: ReturnType<typeof scanShock>, fails: (d: number) => boolean) {
  let probes = 0;
  let step = scan.next();
  while (!step.done) {
    probes++;
    step = scan.next(fails(step.value));
  }
  return { ...step.value, probes };
}

// Issue 16: failure is not monotone in shock depth; the SSF search must not assume it is.
describe("scanShock (the SSF search without monotonicity)", () => {
  it("default: two failure regions [0.30, 0.35] and [0.50, 0.99]: both found, the smallest failing shock 0.30 (bisection alone says ~0.50)", () => {
    const fails = (d: number) => (d >= 0.3 && d <= 0.35) || d >= 0.5;
    const scan = drive(scanShock({ gridStep: 0.02, precision: 0.001 }), fails);
    expect(scan.smallest).to.be.within(0.3, 0.301);
    expect(scan.intervals).to.have.length(2);
    expect(scan.intervals[0]!.from).to.be.within(0.3, 0.301);
    expect(scan.intervals[0]!.to).to.be.within(0.349, 0.35);
    expect(scan.intervals[1]!.from).to.be.within(0.5, 0.501);
    expect(scan.intervals[1]!.to).to.equal(0.99);
    expect(scan.monotone).to.equal(false);
    expect(scan.changes.map((c) => c.failureStarts)).to.deep.equal([true, false, true]);
    // Plain bisection on the same verdicts lands in the upper region.
    const bisect = bisectShock(0.001);
    let step = bisect.next();
    while (!step.done) step = bisect.next(fails(step.value));
    expect(step.value!).to.be.greaterThan(0.45);
  });

  it("behavior: random failure sets — every region at least a grid step wide and apart is found, its ends within the precision (brute force)", () => {
    const rng = createRng(7);
    const random = () => rng.next();
    for (let trial = 0; trial < 200; trial++) {
      // 1–3 regions, each ≥ 0.03 wide, gaps ≥ 0.03 (> the 0.02 grid), inside (0.01, 0.99].
      const regions: [number, number][] = [];
      let at = 0.02 + random() * 0.2;
      for (let k = 0; k < 1 + Math.floor(random() * 3) && at < 0.9; k++) {
        const to = Math.min(0.99, at + 0.03 + random() * 0.2);
        regions.push([at, random() < 0.2 ? 0.99 : to]);
        if (regions.at(-1)![1] === 0.99) break;
        at = to + 0.03 + random() * 0.2;
      }
      const fails = (d: number) => regions.some(([a, b]) => d >= a && d <= b);
      const scan = drive(scanShock({ gridStep: 0.02, precision: 0.001 }), fails);
      expect(scan.intervals.length, JSON.stringify(regions)).to.equal(regions.length);
      scan.intervals.forEach((found, i) => {
        const [a, b] = regions[i]!;
        expect(found.from - a, `from ${JSON.stringify(regions)}`).to.be.within(0, 0.001 + 1e-9);
        expect(b - found.to, `to ${JSON.stringify(regions)}`).to.be.within(0, 0.001 + 1e-9);
      });
      expect(scan.smallest).to.equal(scan.intervals[0]?.from ?? null);
      // 50 grid points, then ≤ 5 halvings of a 0.02 bracket per change.
      expect(scan.probes).to.be.at.most(50 + 5 * 2 * regions.length);
    }
  });

  it("behavior: nothing fails: null, no interval, monotone; the grid's bottom at 0 is not probed", () => {
    const seen: number[] = [];
    const scan = drive(scanShock({ gridStep: 0.1, precision: 0.01 }), (d) => {
      seen.push(d);
      return false;
    });
    expect(scan).to.include({ smallest: null, monotone: true });
    expect(seen).to.deep.equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99]);
  });
});

describe("systemicSolvencyFailure on the default scenario (issue 16)", function () {
  this.timeout(120_000);
  it("default: around its threshold the default crash fails, survives deeper, fails again: the scan finds both regions and the smallest failing shock a brute-force scan finds, and names the positions that switch", () => {
    const path = "scenarios/eth-crash-40pct-15m.json";
    const scenario = parseScenario(JSON.parse(readFileSync(path, "utf8")), path);
    const initial = buildCascadeState(scenario);
    const fails = (depth: number) => {
      const r = runCascade(initial, {
        shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds, depth),
        maxBlocks: scenario.maxBlocks,
        seed: scenario.seed,
        recordEvents: false,
      });
      return Object.values(r.totals.badDebtByProtocol).some((l) => l.totalUsd > l.insuranceFundUsd);
    };
    // Brute force over −55% to −66% every 0.25 pt: the truth the scan is held to.
    const range = { from: 0.55, to: 0.66 };
    const brute: { from: number; to: number }[] = [];
    for (let k = 0; k <= 44; k++) {
      const d = Math.round((0.55 + k * 0.0025) * 1e9) / 1e9;
      if (!fails(d)) continue;
      const last = brute.at(-1);
      if (last && Math.abs(last.to - (d - 0.0025)) < 1e-9) last.to = d;
      else brute.push({ from: d, to: d });
    }
    expect(brute.length, "the default crash is not monotone here").to.be.at.least(2);
    const ssf = systemicSolvencyFailure(initial, scenario, { gridStep: 0.005, precision: 0.0005, range });
    expect(ssf.monotone).to.equal(false);
    // Every brute-force region is found, its ends within a brute-force step and the precision.
    expect(ssf.intervals.length).to.be.at.least(brute.length);
    for (const region of brute) {
      const found = ssf.intervals.find((i) => i.from <= region.to && i.to >= region.from);
      expect(found, JSON.stringify(region)).to.not.equal(undefined);
      expect(region.from - found!.from).to.be.within(-0.0005, 0.0025 + 0.0005);
    }
    expect(ssf.shock!).to.be.within(brute[0]!.from - 0.0025, brute[0]!.from);
    // Where it stops failing, the losses either side and the positions that switch are named.
    const stop = ssf.changes.find((c) => !c.failureStarts)!;
    expect(stop.sides[0]!.failing).to.include("aave");
    expect(stop.sides[1]!.failing).to.deep.equal([]);
    expect(stop.positions.length).to.be.greaterThan(0);
    // Ranked by the USD that switches: the change in share of debt left × the position's debt, whose
    // value for an Aave position is Aave's own total debt (calculateUserAccountData, base currency).
    const switched = stop.positions.map((p) => Math.abs(p.debtLeftLo - p.debtLeftHi) * p.debtUsd);
    expect(switched).to.deep.equal([...switched].sort((a, b) => b - a));
    let checked = 0;
    for (const p of stop.positions) {
      const market = initial.markets.find((m) => m.id === p.market)!;
      if (market.kind !== "aave-v3") continue;
      checked++;
      const prices = market.reserves.map((r) => initial.oracles.find((o) => o.symbol === r.symbol)!.priceE8);
      const position = market.positions.find((x) => x.id === p.id)!;
      const account = calculateUserAccountData(market.reserves, position, prices, market.profile);
      expect(p.debtUsd / (Number(account.totalDebtBase) / 1e8)).to.be.closeTo(1, 1e-9);
    }
    expect(checked).to.be.greaterThan(0);
  });
});
