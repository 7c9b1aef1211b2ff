import { expect } from "chai";
import { ModelInputError } from "../../src/errors/ModelInputError.js";
import { ScenarioValidationError } from "../../src/errors/ScenarioValidationError.js";
import { deploymentKey } from "../../src/harness/deploymentKey.js";
import { parseSweepParam } from "../../src/model/sweep/parseSweepParam.js";
import { setScenarioParam } from "../../src/model/sweep/setScenarioParam.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";
import { testScenario } from "../../src/testing/testScenario.js";

describe("sweep parameters", () => {
  it("default: path=v1,v2 gives numbers, booleans and strings in order", () => {
    expect(parseSweepParam("oracle.latencyBlocks=0,1,2,5,10")).to.deep.equal({
      path: "oracle.latencyBlocks",
      values: [0, 1, 2, 5, 10],
    });
    expect(parseSweepParam("arbitrage=true,false").values).to.deep.equal([true, false]);
    expect(parseSweepParam("liquidators.ordering=largest-debt, random").values).to.deep.equal([
      "largest-debt",
      "random",
    ]);
  });

  it("behavior: oracle.X sets every oracle policy that has X and leaves fixed feeds alone", () => {
    const base = testScenario();
    const s = setScenarioParam(base, "oracle.latencyBlocks", 7);
    const weth = s.oracles.find((o) => o.asset === "WETH")!.policy;
    const usdc = s.oracles.find((o) => o.asset === "USDC")!.policy;
    expect(weth).to.include({ kind: "push", latencyBlocks: 7 });
    expect(usdc).to.deep.equal({ kind: "fixed" });
    // The input is not mutated, and an oracle policy does not change what is deployed.
    expect(base.oracles.find((o) => o.asset === "WETH")!.policy).to.include({ latencyBlocks: 1 });
    expect(deploymentKey(s)).to.equal(deploymentKey(base));
  });

  it("behavior: [index] and [id] pick list elements; a pool change needs its own deployment", () => {
    const base = testScenario();
    const a = setScenarioParam(base, "markets[aave].insuranceFundUsd", 123);
    expect(a.markets.find((m) => m.id === "aave")).to.include({ insuranceFundUsd: 123 });
    const b = setScenarioParam(base, "shock.dropPct", 25);
    expect(b.shock).to.include({ kind: "generator", dropPct: 25 });
    const c = setScenarioParam(base, "liquidators.count", 1);
    expect(c.liquidators.count).to.equal(1);
    expect(deploymentKey(c)).to.not.equal(deploymentKey(base));
    expect(deploymentKey(b)).to.equal(deploymentKey(base));
  });

  it("behavior: the contagion vectors by short name — bridge.X is the first bridge's, safetyModule.X / umbrella.X / steward.X every module's, stake's and steward's — and what a halt block or a top-up share changes is not deployed", async () => {
    const load = (name: string) => loadScenario(`scenarios/${name}.json`);
    const bridge = await load("bridge-halt");
    const later = setScenarioParam(bridge, "bridge.haltBlock", 40);
    expect(later.bridges[0]!.haltBlock).to.equal(40);
    const all = setScenarioParam(bridge, "bridge.topUps.share", 1);
    expect(all.bridges[0]!.topUps!.share).to.equal(1);
    expect(deploymentKey(later)).to.equal(deploymentKey(bridge));
    expect(deploymentKey(all)).to.equal(deploymentKey(bridge));
    const module = setScenarioParam(await load("safety-module-token"), "safetyModule.beta", 0);
    expect(module.safetyModules.map((m) => m.beta)).to.deep.equal([0]);
    const umbrella = setScenarioParam(await load("umbrella-stake"), "umbrella.stake", 1234);
    const aave = umbrella.markets.find((m) => m.kind === "aave-v3") as { umbrella: { stake: number }[] };
    expect(aave.umbrella.map((u) => u.stake)).to.deep.equal([1234]);
    const steward = setScenarioParam(await load("risk-steward-haircut"), "steward.maxChangeBps", 100);
    expect(steward.riskStewards.map((r) => r.maxChangeBps)).to.deep.equal([100]);
    expect(() => setScenarioParam(bridge, "bridge.haltBlock", 100_000)).to.throw(/haltBlock/);
  });

  it("error: an unknown path names where it stopped; a bad value is a validation error naming the field", () => {
    const base = testScenario();
    expect(() => setScenarioParam(base, "oracles[9].policy.latencyBlocks", 1)).to.throw(
      ModelInputError,
      /2 elements/,
    );
    expect(() => setScenarioParam(base, "markets[nope].insuranceFundUsd", 1)).to.throw(
      ModelInputError,
      /nope/,
    );
    expect(() => setScenarioParam(base, "nothing.here", 1)).to.throw(ModelInputError, /no "nothing"/);
    expect(() => setScenarioParam(base, "oracle.latencyBlocks", -1)).to.throw(
      ScenarioValidationError,
      /latencyBlocks/,
    );
    expect(() => parseSweepParam("oracle.latencyBlocks")).to.throw(ModelInputError, /path=value1/);
  });
});
