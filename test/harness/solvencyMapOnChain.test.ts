import { expect } from "chai";
import { cellsToConfirm, confirmMapOnChain } from "../../src/harness/confirmMapOnChain.js";
import { parseSweepParam } from "../../src/model/sweep/parseSweepParam.js";
import { setScenarioParam } from "../../src/model/sweep/setScenarioParam.js";
import { solvencyMap } from "../../src/model/thresholds/solvencyMap.js";
import { testScenario } from "../../src/testing/testScenario.js";

describe("the solvency map's cells confirmed on chain (issue 16)", function () {
  this.timeout(300_000);
  it("default: the boundary cells run on the replica give the map's verdicts, every transaction exact", async () => {
    // A small fund, so the boundary lies inside the grid.
    const scenario = setScenarioParam(testScenario(), "markets[aave].insuranceFundUsd", 20_000);
    const map = solvencyMap(scenario, {
      x: parseSweepParam("shock.depth=0.2:0.8:0.2"),
      y: parseSweepParam("oracle.latencyBlocks=0,3"),
    });
    const chosen = cellsToConfirm(map, 3);
    const fails = (c: { xIndex: number; yIndex: number }) =>
      map.cells[c.yIndex]![c.xIndex]!.failing.length > 0;
    expect(
      chosen.some(fails) && chosen.some((c) => !fails(c)),
      "the boundary: a failing and a passing cell",
    ).to.equal(true);
    const confirmed = await confirmMapOnChain(scenario, map, { count: 3, backend: "anvil" });
    expect(confirmed.map((c) => c.error ?? null)).to.deep.equal([null, null, null]);
    for (const c of confirmed) {
      expect(c.agrees, JSON.stringify(c)).to.equal(true);
      expect(c.exactActions).to.equal(c.executedActions);
      expect(c.executedActions).to.be.greaterThan(0);
    }
  });
});
