import { readFileSync } from "node:fs";
import { expect } from "chai";
import { execa } from "execa";
import { estimateChainRunSeconds } from "../../src/harness/estimateChainRunSeconds.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";

const raw = () => JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8"));
const withBorrowers = (count: number) => {
  const s = raw();
  s.borrowers[0].generator.count = count;
  return parseScenario(s);
};

describe("estimateChainRunSeconds", () => {
  it("default: counts the borrowers seeded on chain (Aave), not the model-only Comet ones", () => {
    // The default book: 300 WETH/USDC, 100 wstETH/USDC and 200 e-mode loops generated on Aave, and the
    // whale; Comet's 100 stay in the model.
    expect(
      estimateChainRunSeconds(parseScenario(raw()), { backend: "anvil", scan: "every-block" }).borrowers,
    ).to.equal(601);
  });
  it("behavior: the default run is minutes below any warning; 5 million borrowers are hours, more with the per-block scan and on EDR", () => {
    const small = estimateChainRunSeconds(parseScenario(raw()), { backend: "anvil", scan: "every-block" });
    expect(small.seconds).to.be.below(60); // npm start takes ~5 s here
    const big = withBorrowers(5_000_000);
    const final = estimateChainRunSeconds(big, { backend: "anvil", scan: "final" }).seconds;
    const scanned = estimateChainRunSeconds(big, { backend: "anvil", scan: "every-block" }).seconds;
    const edr = estimateChainRunSeconds(big, { backend: "edr", scan: "final" }).seconds;
    expect(final).to.be.above(3600);
    expect(scanned).to.be.above(final);
    expect(edr).to.be.above(final);
  });
  it("behavior: dlcm run warns with the estimate before it starts seeding", async function () {
    this.timeout(60_000);
    const file = `${process.env.TMPDIR ?? "/tmp"}/dlcm-5m-${process.pid}.json`;
    const s = raw();
    s.borrowers[0].generator.count = 5_000_000;
    (await import("node:fs")).writeFileSync(file, JSON.stringify(s));
    const run = execa(
      process.execPath,
      ["bin/dlcm.js", "--progress", "none", "run", file, "--out", `${file}.out`],
      {
        reject: false,
        all: true,
      },
    );
    const text = await new Promise<string>((resolve) => {
      let all = "";
      run.all!.on("data", (chunk: Buffer) => {
        all += chunk.toString();
        if (all.includes("Ctrl-C stops it.")) resolve(all);
      });
      run.then(() => resolve(all));
    });
    run.kill("SIGKILL");
    await run;
    expect(text).to.match(/warning: 5,000,301 borrowers on chain: .* at least [\d.]+ hours/);
    expect(text).to.include("dlcm model runs the same cascade without a chain");
  });
});
