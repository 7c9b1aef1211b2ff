import { existsSync, readFileSync } from "node:fs";
import { expect } from "chai";
import { readForkOptions } from "../../src/cli/readForkOptions.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";

// The shipped mainnet fork scenario through the CLI's own fork path, against a real endpoint. Mainnet
// cannot be reached where CI runs: without MAINNET_RPC_URL these tests are skipped (shown as pending).
describe("fork mode on mainnet (needs MAINNET_RPC_URL)", function () {
  this.timeout(1_800_000);
  before(function () {
    // As the CLI does: the environment first, else a .env file in the project.
    if (!process.env.MAINNET_RPC_URL && existsSync(".env")) process.loadEnvFile(".env");
    if (!process.env.MAINNET_RPC_URL) {
      console.log(
        "    skipped: MAINNET_RPC_URL is not set, in the environment or .env (fork mode's code path is tested on the replica)",
      );
      this.skip();
    }
  });

  it("default: Aave V3 Ethereum's WETH/USDC borrowers at the pinned block cascade on chain exactly as in the model", async () => {
    const path = "scenarios/fork-mainnet-eth-crash.json";
    const scenario = parseScenario(JSON.parse(readFileSync(path, "utf8")), path);
    const options = await readForkOptions({ fork: true }, scenario);
    if (!options || "error" in options) throw new Error(`fork options: ${JSON.stringify(options)}`);
    const report = await runScenarioOnChain(scenario, { backend: "anvil", fork: options.fork });
    expect(report.error).to.equal(undefined);
    const fork = report.fork!;
    expect(fork.blockNumber).to.equal(String(scenario.fork!.blockNumber));
    expect(fork.chainId).to.equal(1);
    expect(fork.borrowers.aave!.run).to.be.greaterThan(0);
    // ETH was between $1,000 and $10,000 at any block this scenario may be pinned to.
    expect(fork.prices.WETH).to.be.within(1_000, 10_000);
    const { actions } = report.chain!;
    expect(actions.executed).to.be.greaterThan(0);
    expect(actions.mismatched, JSON.stringify(report.chain!.mismatches?.slice(0, 3))).to.equal(0);
  });
});
