import { readdirSync, readFileSync } from "node:fs";
import { expect } from "chai";
import { scenarioJsonSchemaText } from "../../src/cli/commandSchema.js";
import { ModelInputError } from "../../src/errors/ModelInputError.js";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { lstScenario } from "../../src/testing/lstScenario.js";
import { morphoScenario } from "../../src/testing/morphoScenario.js";
import { testScenario } from "../../src/testing/testScenario.js";

const load = (name: string) => JSON.parse(readFileSync(`scenarios/${name}`, "utf8"));

describe("parseScenario", () => {
  it("default: every shipped scenario is valid", () => {
    for (const file of readdirSync("scenarios").filter((f) => f.endsWith(".json") && f !== "schema.json")) {
      expect(() => parseScenario(load(file), file), file).not.to.throw();
    }
  });
  it("default: scenarios/schema.json, the editors' schema, is the one the code validates with (regenerate it with npm run schema)", () => {
    expect(readFileSync("scenarios/schema.json", "utf8")).to.equal(scenarioJsonSchemaText());
  });
  it("error: an isolated e-mode category needs profile v3.7, and its positions only its collateral", () => {
    // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON
    const isolate = (raw: Record<string, any>, profile: string) => {
      const aave = raw.markets.find((m: { id: string }) => m.id === "aave");
      aave.profile = profile;
      aave.eModeCategories[0].isolated = true;
    };
    expect(() => lstScenario({ patch: (raw) => isolate(raw, "v3.6") })).to.throw(
      ScenarioValidationError,
      /markets\[0\]\.eModeCategories: expected isolated e-mode categories are v3\.7's: set profile "v3\.7"/,
    );
    expect(() => lstScenario({ patch: (raw) => isolate(raw, "v3.7") })).not.to.throw();
    expect(() =>
      lstScenario({
        patch: (raw) => {
          isolate(raw, "v3.7");
          raw.borrowers.find(
            (b: { generator?: { eMode?: number } }) => b.generator?.eMode === 1,
          ).generator.collateral = {
            wstETH: 1,
            USDC: 1,
          };
        },
      }),
    ).to.throw(
      ScenarioValidationError,
      /eMode: expected a category whose collateral holds USDC: category 1 is isolated/,
    );
  });
  it("error: a Morpho Blue market names known, distinct loan and collateral tokens, an LLTV below 1 and a fee of at most 25%; a book above the LLTV is refused as Morpho's borrow would revert", () => {
    const morpho = (edit: (m: Record<string, unknown>) => void) =>
      morphoScenario({
        patch: (raw) => edit(raw.markets.find((m: { id: string }) => m.id === "morpho-weth-usdc")),
      });
    expect(() => morpho(() => {})).not.to.throw();
    expect(() => morpho((m) => (m.collateral = "USDC"))).to.throw(
      ScenarioValidationError,
      /markets\[\d\]\.collateral: expected another asset than the loan token/,
    );
    expect(() => morpho((m) => (m.loan = "DAI"))).to.throw(ScenarioValidationError, /markets\[\d\]\.loan/);
    expect(() => morpho((m) => (m.lltv = 1))).to.throw(ScenarioValidationError, /markets\[\d\]\.lltv/);
    expect(() => morpho((m) => (m.fee = 0.3))).to.throw(ScenarioValidationError, /markets\[\d\]\.fee/);
    const above = morphoScenario({
      patch: (raw) => {
        raw.borrowers.push({
          market: "morpho-weth-usdc",
          positions: [{ id: "over", collateral: { WETH: 1 }, debt: { USDC: 2_700 } }],
        });
      },
    });
    // 1 WETH at $3,000 · 0.86 backs $2,580: a $2,700 borrow reverts with "insufficient collateral".
    expect(() => buildCascadeState(above)).to.throw(ModelInputError, /start above the LLTV/);
  });
  it("error: a Morpho market's static-aToken collateral names an Aave market of profile v3.6 or v3.7 listed before it, with a reserve of the collateral", () => {
    const nested = (edit: (raw: { markets: Record<string, unknown>[] }) => void) => {
      const raw = load("aweth-on-morpho.json");
      edit(raw);
      return parseScenario(raw, "nested.json");
    };
    expect(() => nested(() => {})).not.to.throw();
    const wrapperOf = (raw: { markets: Record<string, unknown>[] }) =>
      raw.markets[1]!.collateralWrapper as { market: string };
    expect(() => nested((raw) => (wrapperOf(raw).market = "nowhere"))).to.throw(
      ScenarioValidationError,
      /markets\[1\]\.collateralWrapper\.market: expected the id of an Aave market of profile v3\.6 or v3\.7 listed before this one/,
    );
    expect(() => nested((raw) => raw.markets.reverse())).to.throw(
      ScenarioValidationError,
      /markets\[0\]\.collateralWrapper\.market/,
    );
    expect(() =>
      nested((raw) => {
        raw.markets[0]!.profile = "v3.0";
        raw.markets[0]!.historyDays = 0;
        for (const r of raw.markets[0]!.reserves as Record<string, unknown>[]) delete r.interestRates;
        raw.markets[0]!.eModeCategories = [];
        (raw as unknown as { borrowers: { generator?: { eMode?: number } }[] }).borrowers.forEach((b) => {
          if (b.generator) delete b.generator.eMode;
        });
      }),
    ).to.throw(ScenarioValidationError, /collateralWrapper\.market/);
    expect(() => nested((raw) => (raw.markets[1]!.collateral = "DAI"))).to.throw(ScenarioValidationError);
  });
  it("error: ScenarioValidationError lists every bad field with path, expectation and what was found", () => {
    const bad = load("eth-crash-40pct-15m.json");
    bad.assets[0].decimals = -1;
    bad.shock.dropPct = 140;
    bad.pools[0].feePips = 123;
    bad.liquidators.colour = "red";
    try {
      parseScenario(bad, "bad.json");
      expect.fail("should throw");
    } catch (error) {
      expect(error).to.be.instanceOf(ScenarioValidationError);
      const lines = (error as ScenarioValidationError).metaMessages!.join("\n");
      expect(lines).to.include("assets[0].decimals");
      expect(lines).to.include("found -1");
      expect(lines).to.include("shock.dropPct");
      expect(lines).to.include("pools[0].feePips");
      expect(lines).to.include("liquidators.colour");
      expect((error as ScenarioValidationError).metaMessages!.length).to.be.at.least(4);
    }
  });
  it("error: ScenarioValidationError for references to things that do not exist", () => {
    const bad = load("eth-crash-40pct-15m.json");
    bad.referencePool = "nope";
    bad.borrowers[0].generator.collateral = "WBTC";
    expect(() => parseScenario(bad)).to.throw(ScenarioValidationError, /2 problems/);
  });

  it("error: a bot's capital names assets of the scenario, in whole tokens of at least 0", () => {
    const withCapital = (capital: unknown) => {
      const raw = load("liquidation-race.json");
      raw.liquidators.bots[0].capital = capital;
      return () => parseScenario(raw);
    };
    expect(withCapital({ USDC: 250_000 })).to.not.throw();
    expect(withCapital({ DAI2: 1 })).to.throw(
      ScenarioValidationError,
      /liquidators\.bots\[0\]\.capital\.DAI2/,
    );
    expect(withCapital({ USDC: -1 })).to.throw(
      ScenarioValidationError,
      /liquidators\.bots\[0\]\.capital\.USDC: expected number to be >=0/,
    );
  });
});

describe("positions that start below health factor 1 (issue 17 item 13)", () => {
  it("error: the model refuses a book Aave could not open, as run does; at 1.03 it runs", () => {
    const withDebt = (usdc: number) =>
      testScenario((raw) => {
        const probe = raw.borrowers.find((b: { positions?: { id: string }[] }) =>
          b.positions?.some((p) => p.id === "probe-weth"),
        );
        probe.positions.find((p: { id: string }) => p.id === "probe-weth").debt.USDC = usdc;
      });
    // 10 WETH at $3,000 × 82.5% = $24,750 of borrowing power: 26,000 USDC is HF 0.952, 24,000 is 1.031.
    expect(() => buildCascadeState(withDebt(26_000))).to.throw(
      ModelInputError,
      /1 position of market "aave"/,
    );
    try {
      buildCascadeState(withDebt(26_000));
    } catch (error) {
      expect((error as ModelInputError).message).to.include("First: probe-weth");
    }
    expect(() => buildCascadeState(withDebt(24_000))).to.not.throw();
  });
});
