import { readdirSync, readFileSync } from "node:fs";
import { expect } from "chai";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";

const load = (name: string) => JSON.parse(readFileSync(`scenarios/${name}`, "utf8"));

describe("parseScenario", () => {
  it("default: every shipped scenario is valid", () => {
    for (const file of readdirSync("scenarios").filter((f) => f.endsWith(".json") && f !== "schema.json")) {
      expect(() => parseScenario(load(file), file), file).not.to.throw();
    }
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
});
