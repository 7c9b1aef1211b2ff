import { readFileSync } from "node:fs";
import { expect } from "chai";
import { getAddress, parseAbi } from "viem";
import { hasCometArtifacts } from "../../src/build/compileComet.js";
import { deployContract } from "../../src/chain/deployContract.js";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import { writeContract } from "../../src/chain/writeContract.js";
import { DeploymentError } from "../../src/errors/DeploymentError.js";
import type { CompoundMarketModel } from "../../src/model/cascade/types.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { resolveMainnetForkAddresses } from "../../src/protocols/addresses/resolveMainnetForkAddresses.js";
import { prepareCometForkMarket } from "../../src/protocols/compound/prepareCometForkMarket.js";
import { readCometConfiguration } from "../../src/protocols/compound/readCometConfiguration.js";
import { selectCometForkBorrowers } from "../../src/protocols/compound/selectCometForkBorrowers.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

const E18 = 10n ** 18n;

// Fork mode's Comet steps (issue 15), each on the replica's Comet built from upstream's pinned source.
describe("Comet's fork path on the replica", function () {
  this.timeout(300_000);
  before(function () {
    if (!hasCometArtifacts()) {
      console.log("      (skipped: Comet's pinned source is not fetched; run npm run protocols:fetch)");
      this.skip();
    }
  });
  const feedAbi = parseAbi([
    "function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)",
  ]);

  it("default: the configuration read off Comet is cUSDCv3's launch curves as Comet stores them (per year / 31,536,000, truncated) and the scenario's factors", async () => {
    const { chain, replica } = await useReplica("anvil", "mainnet-like");
    const c = replica.book.compound!["compound-usdc"]!;
    const config = await readCometConfiguration(chain, {
      lens: replica.book.harness.cometLens!,
      comet: c.comet,
      assets: c.assets,
    });
    // Hand-computed: 0.0325e18 / 31,536,000 = 1,030,568,239.47…; 0.035e18 / 31,536,000 = 1,109,842,719.43…
    expect(config.rates).to.deep.equal({
      supplyKink: 8n * 10n ** 17n,
      supplyPerSecondInterestRateSlopeLow: 1_030_568_239n,
      supplyPerSecondInterestRateSlopeHigh: 12_683_916_793n,
      supplyPerSecondInterestRateBase: 0n,
      borrowKink: 8n * 10n ** 17n,
      borrowPerSecondInterestRateSlopeLow: 1_109_842_719n,
      borrowPerSecondInterestRateSlopeHigh: 7_927_447_995n,
      borrowPerSecondInterestRateBase: 475_646_879n,
    });
    expect(config.baseToken).to.equal(replica.book.tokens.USDC!.address);
    expect(config.baseTokenPriceFeed).to.equal(replica.book.feeds.USDC);
    expect(config.baseScale).to.equal(10n ** 6n);
    expect(config.storeFrontPriceFactor).to.equal((6n * E18) / 10n);
    expect(config.targetReserves).to.equal(20_000_000n * 10n ** 6n);
    expect([config.absorbPaused, config.buyPaused]).to.deep.equal([false, false]);
    expect(config.assets).to.have.length(1);
    expect(config.assets[0]).to.include({
      offset: 0,
      asset: replica.book.tokens.WETH!.address,
      priceFeed: replica.book.feeds.WETH,
      scale: E18,
      borrowCollateralFactor: (83n * E18) / 100n,
      liquidateCollateralFactor: (90n * E18) / 100n,
      liquidationFactor: (95n * E18) / 100n,
    });
  });

  it("behavior: accounts are found from Comet's Withdraw events: exactly the seeded borrowers, the supplier without debt counted apart", async () => {
    const { chain, replica, reset } = await useReplica("anvil");
    await reset();
    const c = replica.book.compound!["compound-usdc"]!;
    const market = replica.state.markets.find((m) => m.id === "compound-usdc") as CompoundMarketModel;
    // The supplier takes 1 USDC back: a Withdraw event from an account with no debt.
    await writeContract(chain, {
      from: replica.book.roles.depositor,
      address: c.comet,
      abi: loadArtifact("compound/IComet").abi,
      functionName: "withdraw",
      args: [c.baseToken, 10n ** 6n],
    });
    const selected = await selectCometForkBorrowers(chain, {
      id: "compound-usdc",
      comet: c.comet,
      lens: replica.book.harness.cometLens!,
      assets: c.assets,
      feeds: [replica.book.feeds.WETH!],
      offsets: [0],
      base: market,
      blockNumber: await chain.client.getBlockNumber(),
      discovery: { lookbackBlocks: 1_000_000, chunkBlocks: 7 },
      maxBorrowers: 3,
      onProgress: () => {},
    });
    const seeded = replica.book.borrowers["compound-usdc"]!;
    expect(selected.stats).to.include({
      candidates: seeded.length + 1,
      noDebt: 1,
      inScope: seeded.length,
      run: 3,
      capped: seeded.length - 3,
    });
    // The largest debts first: the probe's 1,700 USDC is the smallest of the six (the others 10,000 / 1.5 · 0.9 = 6,000).
    const probe = seeded[market.positions.findIndex((p) => p.id === "comet-probe")]!;
    expect(selected.run.map((a) => getAddress(a))).to.not.include(getAddress(probe));
    for (const a of selected.run) expect(seeded.map((s) => getAddress(s))).to.include(getAddress(a));
  });

  it("behavior: its feeds (fixed in the configuration) are replaced in place at their own answers, and become the shared feeds", async () => {
    const { chain, replica, reset } = await useReplica("anvil");
    await reset();
    const c = replica.book.compound!["compound-usdc"]!;
    const market = replica.state.markets.find((m) => m.id === "compound-usdc") as CompoundMarketModel;
    const [, before] = await chain.client.readContract({
      address: replica.book.feeds.WETH!,
      abi: feedAbi,
      functionName: "latestRoundData",
    });
    const feeds: Record<string, `0x${string}`> = {};
    const prepared = await prepareCometForkMarket(chain, {
      id: "compound-usdc",
      comet: c.comet,
      configurator: c.configurator,
      market,
      tokens: replica.book.tokens,
      lens: replica.book.harness.cometLens!,
      deployer: replica.book.roles.deployer,
      feeds,
    });
    if ("excluded" in prepared) throw new Error(prepared.excluded);
    expect(feeds).to.deep.equal({ USDC: replica.book.feeds.USDC, WETH: replica.book.feeds.WETH });
    const [roundId, answer] = await chain.client.readContract({
      address: replica.book.feeds.WETH!,
      abi: feedAbi,
      functionName: "latestRoundData",
    });
    expect([roundId, answer]).to.deep.equal([1n, before]);
    expect(prepared.pricesE8.WETH).to.equal(before);
    expect(prepared.edits[0]).to.match(/price feeds of USDC, WETH .*replaced in place/);
    // The governance path, as on mainnet: the proxy's admin read from its EIP-1967 slot is the one deployed.
    expect(getAddress(prepared.addresses.proxyAdmin)).to.equal(getAddress(c.proxyAdmin));
    // Another market already driving WETH with a different feed: excluded, with why.
    const other = await deployContract(chain, {
      from: replica.book.roles.deployer,
      artifact: "oracle/SettableAggregator",
      args: [8, 1n],
    });
    const conflict = await prepareCometForkMarket(chain, {
      id: "compound-usdc",
      comet: c.comet,
      configurator: c.configurator,
      market,
      tokens: replica.book.tokens,
      lens: replica.book.harness.cometLens!,
      deployer: replica.book.roles.deployer,
      feeds: { WETH: other },
    });
    expect(conflict)
      .to.have.property("excluded")
      .that.matches(/prices WETH with .* one feed per asset/);
  });

  it("error: a collateral Comet does not list, or a base that is not Comet's, is named before any edit", async () => {
    const { chain, replica } = await useReplica("anvil");
    const c = replica.book.compound!["compound-usdc"]!;
    const market = replica.state.markets.find((m) => m.id === "compound-usdc") as CompoundMarketModel;
    const common = {
      id: "compound-usdc",
      comet: c.comet,
      configurator: c.configurator,
      tokens: replica.book.tokens,
      lens: replica.book.harness.cometLens!,
      deployer: replica.book.roles.deployer,
      feeds: {},
    };
    const unlisted = {
      ...market,
      market: { ...market.market, assets: [{ ...market.market.assets[0]!, symbol: "USDC" }] },
    };
    let error: unknown;
    await prepareCometForkMarket(chain, { ...common, market: unlisted }).catch((e) => (error = e));
    expect(error).to.be.instanceOf(DeploymentError);
    expect((error as Error).message).to.match(/does not list every collateral of the scenario \(USDC\)/);
    const wrongBase = { ...market, market: { ...market.market, baseSymbol: "WETH" } };
    error = undefined;
    await prepareCometForkMarket(chain, { ...common, market: wrongBase }).catch((e) => (error = e));
    expect((error as Error).message).to.match(/lends 0x[0-9a-fA-F]{40}, not the scenario's base WETH/);
    // A Configurator that does not hold this Comet (here: the lens) is named with the field to fix.
    error = undefined;
    await prepareCometForkMarket(chain, { ...common, market, configurator: common.lens }).catch(
      (e) => (error = e),
    );
    expect((error as Error).message).to.match(
      /is not configured by the Configurator 0x[0-9a-fA-F]{40}: fix compound\.compound-usdc\.configurator/,
    );
  });

  it("default: on mainnet a USDC-based Comet market is cUSDCv3 (docs.compound.finance); a WETH-based one is cWETHv3 when priced in its base, and not resolved when priced in USD", () => {
    const path = "scenarios/fork-mainnet-eth-crash.json";
    const scenario = parseScenario(JSON.parse(readFileSync(path, "utf8")), path);
    const addresses = resolveMainnetForkAddresses(scenario);
    expect(addresses.compound).to.deep.equal({
      "compound-usdc": {
        comet: "0xc3d688B66703497DAA19211EEdff47f25384cdc3",
        configurator: "0x316f9708bB98af7dA9c68C1C3b5e79039cD336E3",
      },
    });
    const weth = structuredClone(scenario);
    const comet = weth.markets.find((m) => m.kind === "compound-v3")!;
    (comet as { base: string }).base = "WETH";
    expect(resolveMainnetForkAddresses(weth).compound).to.deep.equal({});
    (comet as { priceFeeds: string }).priceFeeds = "in-base";
    expect(resolveMainnetForkAddresses(weth).compound).to.deep.equal({
      "compound-usdc": {
        comet: "0xA17581A9E3356d9A858b789D68B4d866e593aE94",
        configurator: "0x316f9708bB98af7dA9c68C1C3b5e79039cD336E3",
      },
    });
  });
});
