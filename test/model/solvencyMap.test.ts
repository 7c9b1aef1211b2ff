import { expect } from "chai";
import { ModelInputError } from "../../src/errors/ModelInputError.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import { parseSweepParam } from "../../src/model/sweep/parseSweepParam.js";
import { setScenarioParam } from "../../src/model/sweep/setScenarioParam.js";
import { solvencyMap } from "../../src/model/thresholds/solvencyMap.js";
import { heatColor } from "../../src/report/renderHeatMap.js";
import { testScenario } from "../../src/testing/testScenario.js";

// Issue 16: the Cross-Protocol Solvency Map (SSF over two dimensions).
describe("solvencyMap", () => {
  it("default: each cell is the cascade of its variant (depth rescaled, the other axis set), each protocol's loss against its fund", () => {
    const scenario = testScenario();
    const x = parseSweepParam("shock.depth=0.3:0.9:0.3");
    const y = parseSweepParam("oracle.latencyBlocks=0,4");
    expect(x.values).to.deep.equal([0.3, 0.6, 0.9]);
    const map = solvencyMap(scenario, { x, y });
    expect(map.cells).to.have.length(2);
    map.cells.forEach((row, j) =>
      row.forEach((cell, i) => {
        const variant = setScenarioParam(scenario, "oracle.latencyBlocks", y.values[j]);
        const r = runCascade(buildCascadeState(variant), {
          shock: shockMultipliers(variant.shock, variant.blockTimeSeconds, x.values[i] as number),
          maxBlocks: variant.maxBlocks,
          seed: variant.seed,
          recordEvents: false,
        });
        for (const [id, l] of Object.entries(r.totals.badDebtByProtocol)) {
          expect(cell.protocols[id]).to.deep.equal({ lossUsd: l.totalUsd, fundUsd: l.insuranceFundUsd });
          expect(cell.failing.includes(id)).to.equal(l.totalUsd > l.insuranceFundUsd);
        }
        expect(cell.worstRatio).to.equal(
          Math.max(
            0,
            ...Object.values(r.totals.badDebtByProtocol).map((l) => l.totalUsd / l.insuranceFundUsd),
          ),
        );
      }),
    );
    // Per row: the first failing depth, and monotone when nothing passes after it.
    map.cells.forEach((row, j) => {
      const first = row.findIndex((c) => c.failing.length > 0);
      expect(map.firstFailingX[j]).to.equal(first < 0 ? null : x.values[first]);
    });
  });

  it("behavior: range values are from:to:step, the end included when the steps land on it", () => {
    expect(parseSweepParam("a=1:2:0.25").values).to.deep.equal([1, 1.25, 1.5, 1.75, 2]);
    expect(parseSweepParam("a=0.1:0.35:0.1").values).to.deep.equal([0.1, 0.2, 0.3]);
    expect(() => parseSweepParam("a=1:0:0.1")).to.throw(ModelInputError, /to ≥ from/);
    expect(() => parseSweepParam("a=0:1:0")).to.throw(ModelInputError, /step > 0/);
  });

  it("behavior: the heat map runs green at 0, orange at the fund exhausted, red from twice it", () => {
    expect(heatColor(0)).to.equal("rgb(232,245,233)");
    expect(heatColor(1)).to.equal("rgb(255,152,0)");
    expect(heatColor(2)).to.equal("rgb(198,40,40)");
    expect(heatColor(Number.POSITIVE_INFINITY)).to.equal("rgb(198,40,40)");
  });

  it("error: a bad value on either axis is named before any cascade runs", () => {
    expect(() =>
      solvencyMap(testScenario(), {
        x: parseSweepParam("shock.depth=0.3,0.5"),
        y: parseSweepParam("oracle.latencyBlocks=0,-3"),
      }),
    ).to.throw(/latencyBlocks/);
  });
});
