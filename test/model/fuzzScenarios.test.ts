import { readFileSync } from "node:fs";
import { expect } from "chai";
import { BaseError } from "../../src/errors/BaseError.js";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { createRng } from "../../src/model/random/createRng.js";
import { runModel } from "../../src/model/runModel.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { mutateScenario } from "../../src/testing/mutateScenario.js";

const FILES = [
  "eth-crash-40pct-15m.json",
  "quiet-market-control.json",
  "v2-liquidator-venue.json",
  "ssf-crossing-thin-liquidity.json",
  "oracle-latency.json",
  // A Morpho Blue market and a risk steward: their fields are mutated too.
  "morpho-blue-coarse-oracle.json",
  "risk-steward-haircut.json",
  // A bridge that halts, with an exit sale; a governance-token safety module.
  "bridge-halt.json",
  "safety-module-token.json",
];
// The shipped scenarios with fewer generated borrowers: the fuzz is about what input does to the code,
// not about scale (a mutation may still raise a count up to the schema's limit).
const BASES = FILES.map((file) => {
  const raw = JSON.parse(readFileSync(`scenarios/${file}`, "utf8"));
  for (const set of raw.borrowers) if (set.generator) set.generator.count = Math.min(set.generator.count, 30);
  return raw;
});

// 4,000 mutations in the suite (about 40 s of its ~8 min); DLCM_FUZZ_MUTATIONS=10000 for a longer run by hand.
const MUTATIONS = Number(process.env.DLCM_FUZZ_MUTATIONS ?? 4_000);

describe(`scenario fuzz: ${MUTATIONS.toLocaleString("en-US")} seeded mutations of the shipped scenarios`, function () {
  this.timeout(900_000);

  it("invariant: every mutation is rejected with a DLCM error or runs the model to the end", () => {
    const rng = createRng(20_261_201);
    const failures: string[] = [];
    let rejected = 0;
    let ran = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const { scenario: raw, mutation } = mutateScenario(BASES[i % BASES.length], rng);
      let scenario: ReturnType<typeof parseScenario>;
      try {
        scenario = parseScenario(raw, "fuzz");
      } catch (error) {
        if (error instanceof ScenarioValidationError) rejected++;
        else failures.push(`#${i} parse, ${mutation}: ${String(error)}`);
        continue;
      }
      try {
        const report = runModel(scenario, { skipSsf: true });
        expect(Number.isFinite(report.totals.valueLiquidatedUsd), mutation).to.equal(true);
        ran++;
      } catch (error) {
        if (error instanceof BaseError) rejected++;
        else failures.push(`#${i} model, ${FILES[i % FILES.length]} with ${mutation}: ${String(error)}`);
      }
    }
    expect(failures, failures.slice(0, 10).join("\n")).to.deep.equal([]);
    expect(rejected + ran).to.equal(MUTATIONS);
    // The mix must exercise both sides: most mutations break a rule, hundreds still run.
    expect(ran).to.be.greaterThan(MUTATIONS / 10);
    expect(rejected).to.be.greaterThan(MUTATIONS / 2);
  });
});

describe("parseScenario bounds", () => {
  const raw = () => JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8"));
  it("error: ScenarioValidationError names shock.durationSeconds beyond 30 days (it crashed the model: Invalid array length)", () => {
    const s = raw();
    s.shock.durationSeconds = 2 ** 31;
    expect(() => parseScenario(s)).to.throw(ScenarioValidationError, "shock.durationSeconds");
  });
  it("error: a shock longer than 100,000 blocks is refused with the fix", () => {
    const s = raw();
    s.blockTimeSeconds = 1;
    s.shock.durationSeconds = 200_000; // 2.3 days: within 30 days, but 200,000 blocks of 1 s
    expect(() => parseScenario(s)).to.throw(ScenarioValidationError, /raise blockTimeSeconds or shorten it/);
  });
});

describe("runCascade: an upward path past the pools' liquidity", () => {
  it("behavior: stops as pool-drained at the block a pool's price reaches Uniswap's limit, and says which", () => {
    const s = JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8"));
    // 3,000 → 18,000: the thin pool's positions end far below (its top range ends at a few thousand dollars).
    s.shock = {
      kind: "path",
      points: [
        { t: 0, price: 3000 },
        { t: 900, price: 18000 },
      ],
    };
    const report = runModel(parseScenario(s), { skipSsf: true });
    expect(report.stopReason).to.equal("pool-drained");
    expect(report.drainedPool?.id).to.be.a("string");
    expect(report.blocks).to.equal(report.drainedPool!.block);
    // Every recorded price is a market price, none the v3 limit (3.4e50 before this stop existed).
    for (const r of report.rounds.slice(0, -1)) expect(r.marketPrice).to.be.below(18_000 * 1.01);
  });
});
