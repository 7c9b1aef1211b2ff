import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { execa } from "execa";
import { getFreePort } from "../../src/chain/getFreePort.js";
import { runModel } from "../../src/model/runModel.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { startServe } from "../../src/testing/startServe.js";

const SCENARIO = "scenarios/eth-crash-40pct-15m.json";
const dlcm = (args: string[]) =>
  execa(process.execPath, ["bin/dlcm.js", ...args], { reject: false, all: true });

// The README's offline fork example, through the real binary: `dlcm serve` keeps a replica running,
// `dlcm run --fork-url` forks it as it would mainnet.
describe("dlcm serve + dlcm run --fork-url (README's offline fork example)", function () {
  this.timeout(300_000);

  it("default: the served replica forks like mainnet: its 602 borrowers (wstETH e-mode loops among them) are found and run, every transaction exact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dlcm-serve-"));
    const port = await getFreePort();
    const addresses = join(dir, "addresses.json");
    const { serve } = await startServe([SCENARIO, "--port", String(port), "--addresses-out", addresses]);
    try {
      const run = await dlcm([
        "run",
        SCENARIO,
        "--fork-url",
        `http://127.0.0.1:${port}`,
        "--addresses",
        addresses,
        "--out",
        join(dir, "out"),
      ]);
      expect(run.exitCode, run.all).to.equal(0);
      const report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8"));
      const served = JSON.parse(readFileSync(addresses, "utf8"));
      // 300 WETH/USDC, 100 wstETH/USDC and 200 wstETH/WETH e-mode loops generated, the whale, the WETH
      // utilisation borrower.
      expect(served.borrowers.aave).to.have.length(602);
      expect(report.fork.borrowers.aave).to.include({ candidates: 602, inScope: 602, run: 602 });
      expect(report.chain.actions.mismatched).to.equal(0);
      expect(report.chain.actions.exact).to.equal(report.chain.actions.executed);
      // The fork runs every market the served replica runs (Comet too, when its source is fetched): the
      // chain then matches the model run alone on the scenario with exactly those markets.
      const raw = JSON.parse(readFileSync(SCENARIO, "utf8"));
      if (served.compound) {
        expect(report.fork.borrowers["compound-usdc"]).to.include({
          run: served.borrowers["compound-usdc"].length,
        });
        expect(report.fork.excluded).to.deep.equal([]);
      } else {
        raw.markets = raw.markets.filter((m: { kind: string }) => m.kind !== "compound-v3");
        raw.borrowers = raw.borrowers.filter((b: { market: string }) =>
          raw.markets.some((m: { id: string }) => m.id === b.market),
        );
      }
      const alone = runModel(parseScenario(raw, SCENARIO), { skipSsf: true });
      expect(report.chain.totals.liquidations).to.equal(alone.totals.liquidations);
      expect(report.chain.totals.valueLiquidatedUsd).to.be.closeTo(alone.totals.valueLiquidatedUsd, 1);
      // A sweep on the same fork: both variants on forks of one block, every transaction exact; a queue
      // would hand the endpoint to Redis, so it is refused.
      const sweepArgs = ["sweep", SCENARIO, "--param", "oracle.latencyBlocks=0,2"];
      const fork = ["--fork-url", `http://127.0.0.1:${port}`, "--addresses", addresses];
      const sweep = await dlcm([...sweepArgs, ...fork, "--workers", "2", "--out", join(dir, "sweep")]);
      expect(sweep.exitCode, sweep.all).to.equal(0);
      const swept = JSON.parse(readFileSync(join(dir, "sweep", "sweep.json"), "utf8"));
      expect(swept.fork.addressSource).to.match(/addresses\.json/);
      expect(swept.rows).to.have.length(2);
      for (const r of swept.rows) {
        expect(r.executedActions).to.be.greaterThan(0);
        expect(r.exactActions).to.equal(r.executedActions);
      }
      const queued = await dlcm([...sweepArgs, ...fork, "--queue", "redis://127.0.0.1:1"]);
      expect(queued.exitCode).to.equal(2);
      expect(queued.all).to.include("--queue with fork mode");
    } finally {
      serve.kill("SIGINT");
      const end = await serve;
      expect(end.exitCode, end.all).to.equal(0);
    }
    // The replica's anvil stopped with it: nothing listens on the port any more.
    const probe = await fetch(`http://127.0.0.1:${port}`, { method: "POST" }).then(
      () => "listening",
      () => "closed",
    );
    expect(probe).to.equal("closed");
  });
});
