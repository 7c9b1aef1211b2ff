import { existsSync, mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect } from "chai";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { runModel } from "../../src/model/runModel.js";
import { writeModelReport } from "../../src/report/writeModelReport.js";
import { writeRunReport } from "../../src/report/writeRunReport.js";
import { capitalBotsScenario } from "../../src/testing/capitalBotsScenario.js";
import { lstScenario } from "../../src/testing/lstScenario.js";
import { chromiumPath, openInChromium } from "../../src/testing/openInChromium.js";
import { testScenario } from "../../src/testing/testScenario.js";

// Issue 17 item 9: report.html, drawn by Vega-Lite in a real headless Chromium.
describe("report.html in headless Chromium", function () {
  this.timeout(300_000);
  const artifacts = resolve("out/test-artifacts");
  before(function () {
    if (!chromiumPath()) {
      console.log(
        "      (skipped: no Chromium; .ci/run installs Debian's chromium package, or set CHROMIUM_PATH)",
      );
      this.skip();
    }
    mkdirSync(artifacts, { recursive: true });
  });

  it("default: the model's report draws every chart with its marks, no console error, and the headline numbers are the report's", async () => {
    const report = runModel(testScenario());
    const dir = mkdtempSync(join(tmpdir(), "dlcm-html-"));
    const { html } = await writeModelReport(report, dir);
    const shot = join(artifacts, "report-model.png");
    const page = await openInChromium(resolve(html), shot);
    expect(page.errors).to.deep.equal([]);
    expect(page.charts.map((c) => c.id)).to.deep.equal([
      "price",
      "flows",
      "losses",
      "gex",
      "gex-profile",
      "ssf",
      "lac",
      "lac-curves",
    ]);
    for (const c of page.charts) expect(c.marks, c.id).to.be.greaterThan(0);
    expect(page.text).to.include(`${report.totals.liquidations} liquidations`);
    expect(page.text).to.include(report.totals.finalPrice.toFixed(2));
    expect(statSync(shot).size).to.be.greaterThan(20_000);
  });

  it("behavior: with competing bots the report has the race: each bot's funding, its counts and what a bot on its own capital holds at the end", async () => {
    const report = runModel(capitalBotsScenario(), { skipSsf: true });
    const dir = mkdtempSync(join(tmpdir(), "dlcm-html-race-"));
    const { html } = await writeModelReport(report, dir);
    const page = await openInChromium(resolve(html), join(artifacts, "report-race.png"));
    expect(page.errors).to.deep.equal([]);
    const [capital, flash] = report.race!.bots;
    expect(page.text).to.include("Liquidation race");
    // The table's rows as the browser lays them out (cells tab-separated).
    expect(page.text).to.include(
      `capital\town capital\t${capital!.sent}\t${capital!.won}\t${capital!.reverted}\t`,
    );
    expect(page.text).to.include(`flash\tflash loan\t${flash!.sent}\t${flash!.won}\t${flash!.reverted}\t`);
    expect(page.text).to.include(`aave: ${capital!.inventory!.aave!.USDC} USDC`);
  });

  it("behavior: with a pegged asset the report charts its pool against the peg, drawn, its low in the caption", async () => {
    const report = runModel(lstScenario({ oracle: "market" }), { skipSsf: true });
    const dir = mkdtempSync(join(tmpdir(), "dlcm-html-peg-"));
    const { html } = await writeModelReport(report, dir);
    const page = await openInChromium(resolve(html), join(artifacts, "report-peg.png"));
    expect(page.errors).to.deep.equal([]);
    expect(page.charts.map((c) => c.id).slice(0, 2)).to.deep.equal(["price", "peg"]);
    const peg = page.charts.find((c) => c.id === "peg")!;
    expect(peg.marks).to.be.greaterThan(0);
    const low = Math.min(...report.rounds.map((r) => r.pegPrices!.wstETH! / 1.2));
    expect(low).to.be.below(0.97);
    expect(page.text).to.include(`Lowest: ${((1 - low) * 100).toFixed(2)}% below the peg`);
  });

  it("behavior: a run's report shows the chain's price beside the model's, and its exactness", async () => {
    const report = await runScenarioOnChain(testScenario(), { backend: "anvil", scan: "final" });
    const dir = mkdtempSync(join(tmpdir(), "dlcm-html-run-"));
    const { html } = await writeRunReport(report, dir);
    const page = await openInChromium(resolve(html), join(artifacts, "report-run.png"));
    expect(page.errors).to.deep.equal([]);
    for (const c of page.charts) expect(c.marks, c.id).to.be.greaterThan(0);
    // The chain's line is drawn and named in the chart's own legend (the SVG), not just in its data.
    expect(page.charts.find((c) => c.id === "price")!.text).to.include("pool (chain)");
    const { exact, executed } = report.chain!.actions;
    expect(page.text).to.include(`${exact}/${executed} transactions exact to the wei`);
    expect(existsSync(join(artifacts, "report-run.png"))).to.equal(true);
  });
});
