import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { PROJECT_ROOT } from "../../src/chain/loadArtifact.js";
import { PricePathError } from "../../src/errors/PricePathError.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import { parsePricePath } from "../../src/model/replay/parsePricePath.js";
import { replayScenario } from "../../src/model/replay/replayScenario.js";
import { testScenario } from "../../src/testing/testScenario.js";

describe("price paths and replays", () => {
  it("default: a CSV with a t clock becomes the scenario's path shock, moves relative to the first price", () => {
    const path = parsePricePath("# from a test\nt,WETH\n0,2000\n120,1500\n240,1000\n", "csv", "halving");
    expect(path.sources).to.deep.equal(["from a test"]);
    const { scenario, notes } = replayScenario(testScenario(), path);
    expect(scenario.shock).to.deep.equal({
      kind: "path",
      points: [
        { t: 0, price: 2000 },
        { t: 120, price: 1500 },
        { t: 240, price: 1000 },
      ],
    });
    // 12 s blocks: block 10 is t = 120 s (0.75 of the first price), block 5 halfway to it (0.875), block 20 half.
    const m = shockMultipliers(scenario.shock, 12);
    expect(m.length).to.equal(21);
    expect(m[0]).to.equal(1);
    expect(m[5]).to.equal(0.875);
    expect(m[10]).to.equal(0.75);
    expect(m[20]).to.equal(0.5);
    expect(notes.join(" ")).to.contain("from the scenario's starting price of 3000");
  });

  it("behavior: ISO times and block numbers are clocks too; other columns are reported, not applied", () => {
    const iso = parsePricePath(
      "time,WETH,WBTC\n2024-08-04T16:00:00Z,2540,60000\n2024-08-04T16:15:00+00:00,2100,50000\n",
      "csv",
      "iso",
    );
    const a = replayScenario(testScenario(), iso);
    expect(a.scenario.shock).to.deep.include({ kind: "path" });
    expect((a.scenario.shock as { points: { t: number }[] }).points.map((p) => p.t)).to.deep.equal([0, 900]);
    expect(a.notes.join(" ")).to.contain("Column WBTC is not applied");
    const blocks = parsePricePath(
      JSON.stringify({
        points: [
          { block: 100, prices: { WETH: 10 } },
          { block: 175, prices: { WETH: 6 } },
        ],
      }),
      "json",
      "blocks",
    );
    const b = replayScenario(testScenario(), blocks);
    expect((b.scenario.shock as { points: { t: number }[] }).points.map((p) => p.t)).to.deep.equal([
      0,
      75 * 12,
    ]);
  });

  it("behavior: a long path raises maxBlocks to cover it", () => {
    const path = parsePricePath("t,WETH\n0,100\n36000,60\n", "csv", "ten-hours");
    const { scenario, notes } = replayScenario(testScenario(), path);
    expect(scenario.maxBlocks).to.equal(3000 + 50);
    expect(notes.join(" ")).to.contain("maxBlocks raised from 600 to 3050");
  });

  it("behavior: every shipped replay parses, cites its source, and replays on the default scenario", () => {
    const dir = join(PROJECT_ROOT, "scenarios", "replays");
    const files = readdirSync(dir).filter((f) => f.endsWith(".csv"));
    expect(files.length).to.be.at.least(4);
    for (const file of files) {
      const path = parsePricePath(readFileSync(join(dir, file), "utf8"), "csv", file);
      expect(path.sources.join(" "), file).to.match(/Source/);
      const { scenario } = replayScenario(testScenario(), path);
      const m = shockMultipliers(scenario.shock, scenario.blockTimeSeconds);
      const low = Math.min(...path.points.map((p) => p.prices.WETH!)) / path.points[0]!.prices.WETH!;
      expect(Math.min(...m), file).to.be.closeTo(low, 1e-9);
    }
  });

  it("error: every problem in a file is listed together, with its line", () => {
    const bad = "t,WETH\n0,3000\n0,-5\nx,2000\n60,1\n";
    try {
      parsePricePath(bad, "csv", "bad");
      expect.fail("should throw");
    } catch (error) {
      expect(error).to.be.instanceOf(PricePathError);
      const text = (error as Error).message;
      expect(text).to.contain('line 3: WETH price "-5" is not a positive number');
      expect(text).to.contain('line 4: t "x" is not a number');
      expect(text).to.contain("t must increase");
    }
    expect(() => parsePricePath("when,WETH\n0,1\n1,2\n", "csv", "h")).to.throw(
      PricePathError,
      /t, time or block/,
    );
    const only = parsePricePath("t,WBTC\n0,1\n1,2\n", "csv", "btc");
    expect(() => replayScenario(testScenario(), only)).to.throw(PricePathError, /no WETH column/);
  });
});
