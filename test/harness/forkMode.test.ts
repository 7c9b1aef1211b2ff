import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { getAddress, parseAbi } from "viem";
import { createChain } from "../../src/chain/createChain.js";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import type { Chain } from "../../src/chain/types.js";
import { DeploymentError } from "../../src/errors/DeploymentError.js";
import { NotADevNodeError } from "../../src/errors/NotADevNodeError.js";
import { ScenarioLoadError } from "../../src/errors/ScenarioLoadError.js";
import { openForkSession } from "../../src/harness/openForkSession.js";
import { openReplicaSession } from "../../src/harness/openReplicaSession.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { runModel } from "../../src/model/runModel.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { discoverAaveBorrowers } from "../../src/protocols/aave/discoverAaveBorrowers.js";
import { forkAddressesOf } from "../../src/protocols/addresses/forkAddressesOf.js";
import { ARTIFACTS } from "../../src/protocols/artifactIds.js";
import { dealErc20 } from "../../src/protocols/tokens/dealErc20.js";
import { loadBorrowerList } from "../../src/scenario/loadBorrowerList.js";
import { capitalBotsScenario } from "../../src/testing/capitalBotsScenario.js";
import { eModeScenario } from "../../src/testing/eModeScenario.js";
import { lstScenario } from "../../src/testing/lstScenario.js";
import { mainnetLikeScenario } from "../../src/testing/mainnetLikeScenario.js";
import { morphoScenario } from "../../src/testing/morphoScenario.js";
import { useReplica } from "../../src/testing/replicaFixture.js";
import { testScenario } from "../../src/testing/testScenario.js";
import { skipWithoutComet } from "../helpers/skipWithoutComet.js";
import { skipWithoutMorpho } from "../helpers/skipWithoutMorpho.js";

// Fork mode's own code path, run against the replica: a second node forks the replica's anvil over RPC,
// so discovery, address resolution from a file, oracle repointing, interest freezing, balance writes and
// the cascade all run exactly as on a mainnet fork, on real Aave V3 and Uniswap V3 bytecode.
describe("fork mode on a fork of the replica", function () {
  this.timeout(300_000);
  const addressesOf = forkAddressesOf;
  const forkOf = async (upstream: Chain) =>
    createChain({
      backend: "anvil",
      fork: { url: upstream.localRpcUrl!, blockNumber: await upstream.client.getBlockNumber() },
    });
  /**
   * Seeds the scenario on a replica, runs it through fork mode's own path on a fork of that replica (the
   * per-block scan on), checks the run finished, then hands the replica's session and the report to
   * `check`; the replica is stopped whatever happens.
   */
  const onForkOfServedReplica = async (
    scenario: Scenario,
    check: (
      session: Awaited<ReturnType<typeof openReplicaSession>>,
      report: Awaited<ReturnType<typeof runScenarioOnChain>>,
    ) => void,
  ) => {
    const upstream = await createChain({ backend: "anvil" });
    try {
      const session = await openReplicaSession(upstream, scenario);
      const report = await runScenarioOnChain(scenario, {
        backend: "anvil",
        scan: "every-block",
        fork: {
          url: upstream.localRpcUrl!,
          blockNumber: await upstream.client.getBlockNumber(),
          addresses: addressesOf(session.replica.book),
          addressSource: "replica",
          cacheDir: mkdtempSync(join(tmpdir(), "dlcm-fork-")),
        },
      });
      expect(report.error ?? null).to.equal(null);
      check(session, report);
    } finally {
      await upstream.stop();
    }
  };
  // The written price differs from the chain's ($3,000): fork mode must start from the chain's. So do the
  // written Comet parameters: a fork's market is the chain's configuration, not the scenario's.
  const writtenAt2000 = () =>
    testScenario((raw) => {
      raw.assets.find((a: { symbol: string }) => a.symbol === "WETH").priceUsd = 2000;
      const comet = raw.markets.find((m: { kind: string }) => m.kind === "compound-v3");
      comet.storeFrontPriceFactor = 0.2;
      comet.targetReserves = 1e12;
      Object.assign(comet.collaterals[0], {
        borrowCollateralFactor: 0.5,
        liquidateCollateralFactor: 0.6,
        liquidationFactor: 0.7,
      });
      comet.interestRates = {
        supplyKink: 0.5,
        supplySlopeLow: 0.1,
        supplySlopeHigh: 1,
        supplyBase: 0.01,
        borrowKink: 0.5,
        borrowSlopeLow: 0.2,
        borrowSlopeHigh: 2,
        borrowBase: 0.05,
      };
    });

  it("default: dlcm run's fork path finds the seeded borrowers from Borrow events and every transaction matches the model", async () => {
    const { chain: upstream, replica, reset } = await useReplica("anvil");
    await reset();
    const cacheDir = mkdtempSync(join(tmpdir(), "dlcm-fork-"));
    const report = await runScenarioOnChain(writtenAt2000(), {
      backend: "anvil",
      fork: {
        url: upstream.localRpcUrl!,
        blockNumber: await upstream.client.getBlockNumber(),
        addresses: addressesOf(replica.book),
        addressSource: "replica",
        cacheDir,
      },
    });
    expect(report.error).to.equal(undefined);
    const fork = report.fork!;
    const seeded = replica.book.borrowers.aave!.map((a) => a.toLowerCase()).sort();
    expect(fork.borrowers.aave).to.include({
      candidates: seeded.length,
      inScope: seeded.length,
      run: seeded.length,
    });
    expect(report.chain!.addressBook.borrowers.aave!.map((a) => a.toLowerCase()).sort()).to.deep.equal(
      seeded,
    );
    expect(fork.profiles.aave).to.equal("v3.6"); // POOL_REVISION 10
    // Comet runs on the fork wherever the replica runs it (its source fetched); its accounts are the seeded ones.
    if (replica.book.compound) {
      expect(fork.excluded).to.deep.equal([]);
      const seededComet = replica.book.borrowers["compound-usdc"]!.map((a) => a.toLowerCase()).sort();
      expect(fork.borrowers["compound-usdc"]).to.include({
        candidates: seededComet.length,
        inScope: seededComet.length,
        run: seededComet.length,
      });
      expect(
        report.chain!.addressBook.borrowers["compound-usdc"]!.map((a) => a.toLowerCase()).sort(),
      ).to.deep.equal(seededComet);
      // Its feeds are Comet's own addresses (the replica's), now answering our rounds; Aave reads the same.
      expect(report.chain!.addressBook.feeds.WETH).to.equal(replica.book.feeds.WETH);
      const kinds = report.chain!.rounds.flatMap((r) =>
        r.transactions.filter((t) => t.status === "success").map((t) => t.kind),
      );
      expect(kinds.filter((k) => k === "absorb").length, "absorbs mined on the fork").to.be.greaterThan(0);
      expect(kinds.filter((k) => k === "buyCollateral").length, "buys mined on the fork").to.be.greaterThan(
        0,
      );
    } else expect(fork.excluded.map((e) => e.id)).to.deep.equal(["compound-usdc"]);
    // Prices come from the fork's pool (seeded at $3,000), not from the scenario's $2,000.
    expect(fork.prices.WETH).to.be.closeTo(3000, 0.01);
    expect(fork.strikeScale).to.be.closeTo(1.5, 1e-5);
    // The cascade starts where the same scenario written at the chain's price starts (the model alone).
    const atChainPrice = runModel(testScenario(), { skipSsf: true }).rounds[0]!.marketPrice;
    expect(report.model!.rounds[0]!.marketPrice).to.be.closeTo(atChainPrice, 0.01);
    const { actions } = report.chain!;
    expect(actions.mismatched).to.equal(0);
    expect(actions.exact).to.equal(actions.executed);
    expect(report.chain!.totals.liquidations).to.be.greaterThan(10);
    expect(report.chain!.totals.liquidations).to.equal(report.model!.totals.liquidations);
    // Discovery kept one file per eth_getLogs chunk for reruns at this block, per contract read (Pool, Comet).
    expect(readdirSync(join(cacheDir, String(upstream.chainId)))).to.have.length(
      replica.book.compound ? 2 : 1,
    );
  });

  it("behavior: competing bots on a fork get contracts of their own there, one funded with its capital by balance writes; the race and the capital bot's inventory are the model's", async () => {
    const { chain: upstream, replica, reset } = await useReplica("anvil");
    await reset();
    const scenario = capitalBotsScenario();
    const report = await runScenarioOnChain(scenario, {
      backend: "anvil",
      scan: "final",
      fork: {
        url: upstream.localRpcUrl!,
        blockNumber: await upstream.client.getBlockNumber(),
        addresses: addressesOf(replica.book),
        addressSource: "replica",
        cacheDir: mkdtempSync(join(tmpdir(), "dlcm-fork-")),
      },
    });
    expect(report.error).to.equal(undefined);
    const cmp = report.comparison!;
    expect(cmp.actions.mismatched).to.equal(0);
    expect(cmp.actions.exact).to.equal(cmp.actions.executed);
    const race = report.chain!.race!;
    expect(race.disagreements).to.deep.equal([]);
    expect(race.agreed).to.equal(race.blocks).and.to.be.greaterThan(3);
    const model = report.model!.race!.bots[0]!;
    expect(model.won).to.be.greaterThan(0);
    expect(race.bots[0]!.inventory).to.deep.equal(model.inventory);
    expect(BigInt(model.inventory!.aave!.USDC!) > 20_000n * 10n ** 6n).to.equal(true);
    // Deployed on the fork: neither the replica's shared liquidator nor each other.
    const contracts = race.bots.map((b) => b.contracts!.aave!.toLowerCase());
    expect(new Set([...contracts, replica.book.aave.aave!.liquidator.toLowerCase()]).size).to.equal(3);
  });

  it("default: on a fork of the mainnet-like replica (v3.6, 85% utilisation, interest running) every transaction matches the model", async () => {
    const { chain: upstream, replica, reset } = await useReplica("anvil", "mainnet-like");
    await reset();
    const cacheDir = mkdtempSync(join(tmpdir(), "dlcm-fork-"));
    const report = await runScenarioOnChain(mainnetLikeScenario(), {
      backend: "anvil",
      scan: "every-block",
      fork: {
        url: upstream.localRpcUrl!,
        blockNumber: await upstream.client.getBlockNumber(),
        addresses: addressesOf(replica.book),
        addressSource: "replica",
        cacheDir,
      },
    });
    expect(report.error ?? null).to.equal(null);
    expect(report.fork!.profiles.aave).to.equal("v3.6");
    if (replica.book.compound) {
      // Comet with a year of interest at cUSDCv3's curves: its absorbs and buys exact on the fork too.
      expect(report.fork!.excluded).to.deep.equal([]);
      const kinds = report.chain!.rounds.flatMap((r) =>
        r.transactions.filter((t) => t.status === "success").map((t) => t.kind),
      );
      expect(kinds).to.include("absorb");
      expect(kinds).to.include("buyCollateral");
    }
    expect(report.comparison!.actions.executed).to.be.greaterThan(50);
    expect(report.comparison!.actions.mismatched, JSON.stringify(report.chain!.mismatches)).to.equal(0);
    expect(report.chain!.scanCheck.disagreements).to.deep.equal([]);
  });

  it("behavior: on a fork of the mainnet-like replica on v3.0 (its own rate strategy, no stable debt) the interest keeps running, accrued by v3.0's formulas, and every transaction matches the model", async () => {
    await onForkOfServedReplica(mainnetLikeScenario("v3.0"), (_session, report) => {
      expect(report.fork!.profiles.aave).to.equal("v3.0");
      expect(report.fork!.edits.join("\n")).to.match(/interest left running on WETH, USDC.*v3\.0's strategy/);
      expect(report.fork!.edits.join("\n")).to.not.match(/ZeroRateStrategy/);
      expect(report.comparison!.actions.executed).to.be.greaterThan(50);
      expect(report.comparison!.actions.mismatched, JSON.stringify(report.chain!.mismatches)).to.equal(0);
      expect(report.chain!.scanCheck.disagreements).to.deep.equal([]);
    });
  });

  it("behavior: on a fork of a replica whose borrowers are in e-mode (v3.6), the Pool's categories are read and those accounts run, every transaction exact", async () => {
    await onForkOfServedReplica(eModeScenario(), (session, report) => {
      const seeded = session.replica.book.borrowers.aave!.length;
      // Before e-mode was mirrored, the 40 generated accounts were out of scope ("e-mode").
      expect(report.fork!.borrowers.aave).to.include({ candidates: seeded, inScope: seeded, run: seeded });
      const cmp = report.comparison!;
      expect(cmp.actions.mismatched, JSON.stringify(report.chain!.mismatches)).to.equal(0);
      expect(cmp.actions.exact).to.equal(cmp.actions.executed);
      expect(report.chain!.totals.liquidations).to.be.greaterThan(5);
      expect(report.chain!.scanCheck.disagreements).to.deep.equal([]);
    });
  });

  it("behavior: on a fork of a replica with a Comet priced in WETH (cWETHv3's shape), its wstETH feed is rebuilt in place over the fork's USD feeds and its loops are absorbed, every transaction exact", async function () {
    await skipWithoutComet(this);
    await onForkOfServedReplica(lstScenario({ oracle: "market", cometWeth: true }), (session, report) => {
      expect(report.fork!.excluded ?? []).to.deep.equal([]);
      const seeded = session.replica.book.borrowers["compound-weth"]!.length;
      expect(report.fork!.borrowers["compound-weth"]).to.include({ run: seeded });
      expect(
        report.fork!.edits.some((e) => e.startsWith("compound-weth: Comet's collateral feeds of wstETH")),
      ).to.equal(true);
      const cmp = report.comparison!;
      expect(cmp.actions.mismatched, JSON.stringify(report.chain!.mismatches)).to.equal(0);
      expect(cmp.actions.exact).to.equal(cmp.actions.executed);
      const absorbs = report.model!.events.filter((e) => e.market === "compound-weth" && e.kind === "absorb");
      expect(absorbs.length).to.be.greaterThan(30);
      expect(report.chain!.scanCheck.disagreements).to.deep.equal([]);
    });
  });

  it("behavior: on a fork of a replica with a Morpho Blue market (issue 18), the market is found by its Morpho and id, its oracle's code is replaced in place over the fork's feeds, its borrowers come from Morpho's Borrow events, and the cascade liquidates them, every transaction exact", async function () {
    await skipWithoutMorpho(this);
    const scenario = morphoScenario({
      count: 40,
      patch: (raw) => {
        raw.markets.find((m: { id: string }) => m.id === "morpho-weth-usdc").historyDays = 20;
      },
    });
    await onForkOfServedReplica(scenario, (session, report) => {
      expect(report.fork!.excluded ?? []).to.deep.equal([]);
      const seeded = session.replica.book.borrowers["morpho-weth-usdc"]!.length;
      expect(report.fork!.borrowers["morpho-weth-usdc"]).to.include({
        candidates: seeded,
        inScope: seeded,
        run: seeded,
      });
      expect(report.fork!.edits.some((e) => e.startsWith("morpho-weth-usdc: Morpho oracle"))).to.equal(true);
      const cmp = report.comparison!;
      expect(cmp.actions.mismatched, JSON.stringify(report.chain!.mismatches)).to.equal(0);
      expect(cmp.actions.exact).to.equal(cmp.actions.executed);
      expect(report.model!.events.filter((e) => e.market === "morpho-weth-usdc").length).to.be.greaterThan(
        10,
      );
      expect(report.chain!.scanCheck.disagreements).to.deep.equal([]);
    });
  });

  it("behavior: the fork's AaveOracle reads DLCM's feeds, a v3.6 Pool's interest keeps running, the swapper is funded, the upstream untouched", async () => {
    const { chain: upstream, replica, reset } = await useReplica("anvil", "mainnet-like");
    await reset();
    const chain = await forkOf(upstream);
    try {
      const scenario = mainnetLikeScenario();
      scenario.assets.find((a) => a.symbol === "WETH")!.priceUsd = 2000;
      const session = await openForkSession(chain, scenario, {
        addresses: addressesOf(replica.book),
        addressSource: "replica",
      });
      const m = replica.book.aave.aave!;
      const weth = replica.book.tokens.WETH!.address;
      const oracleAbi = loadArtifact(ARTIFACTS.aaveOracle).abi;
      const source = (c: Chain) =>
        c.client.readContract({
          address: m.oracle,
          abi: oracleAbi,
          functionName: "getSourceOfAsset",
          args: [weth],
        });
      expect(await source(chain)).to.equal(session.book.feeds.WETH);
      expect(await source(upstream)).to.equal(replica.book.feeds.WETH);
      const poolAbi = parseAbi([
        "function getReserveData(address) view returns ((uint256, uint128, uint128 liquidityRate, uint128, uint128 variableRate, uint128, uint40, uint16, address, address, address, address strategy, uint128, uint128, uint128))",
        "function FLASHLOAN_PREMIUM_TOTAL() view returns (uint128)",
      ]);
      const data = await chain.client.readContract({
        address: m.pool,
        abi: poolAbi,
        functionName: "getReserveData",
        args: [weth],
      });
      // The rates are the upstream's (the model accrues them), not zeroed.
      const upstreamData = await upstream.client.readContract({
        address: m.pool,
        abi: poolAbi,
        functionName: "getReserveData",
        args: [weth],
      });
      expect(data[4] > 0n).to.equal(true);
      expect([data[2], data[4]]).to.deep.equal([upstreamData[2], upstreamData[4]]);
      expect(session.fork!.edits.join("\n")).to.match(/interest left running on WETH, USDC/);
      expect(
        await chain.client.readContract({
          address: m.pool,
          abi: poolAbi,
          functionName: "FLASHLOAN_PREMIUM_TOTAL",
        }),
      ).to.equal(0n);
      const erc20 = parseAbi([
        "function balanceOf(address) view returns (uint256)",
        "function allowance(address, address) view returns (uint256)",
      ]);
      const trader = session.book.roles.trader;
      expect(
        await chain.client.readContract({
          address: weth,
          abi: erc20,
          functionName: "balanceOf",
          args: [trader],
        }),
      ).to.equal(1n << 120n);
      expect(
        await chain.client.readContract({
          address: weth,
          abi: erc20,
          functionName: "allowance",
          args: [trader, session.book.harness.swapper],
        }),
      ).to.equal((1n << 256n) - 1n);
    } finally {
      await chain.stop();
    }
  });

  it("behavior: a rerun at the same block reads borrowers from the cache, with no eth_getLogs", async () => {
    const { chain, replica } = await useReplica("anvil");
    const cacheDir = mkdtempSync(join(tmpdir(), "dlcm-cache-"));
    let getLogs = 0;
    const counting: Chain = {
      ...chain,
      client: {
        ...chain.client,
        getLogs: ((...args: Parameters<Chain["client"]["getLogs"]>) => {
          getLogs++;
          return chain.client.getLogs(...args);
        }) as Chain["client"]["getLogs"],
      },
    };
    const toBlock = await chain.client.getBlockNumber();
    const discover = (cached: boolean[]) =>
      discoverAaveBorrowers(counting, {
        pool: replica.book.aave.aave!.pool,
        fromBlock: 0n,
        toBlock,
        chunkBlocks: 20n,
        cacheDir,
        onProgress: (_d, _t, _f, c) => cached.push(c),
      });
    const firstCached: boolean[] = [];
    const first = await discover(firstCached);
    const calls = getLogs;
    expect(calls).to.equal(Math.ceil(Number(toBlock + 1n) / 20));
    const againCached: boolean[] = [];
    const again = await discover(againCached);
    expect(again).to.deep.equal(first);
    expect(getLogs).to.equal(calls);
    expect([firstCached.every((c) => !c), againCached.every((c) => c)]).to.deep.equal([true, true]);
  });

  it("error: fork mode refuses a node that is not a fork, and stops it", async () => {
    const { replica } = await useReplica("anvil");
    const chain = await createChain({ backend: "anvil" });
    await openForkSession(chain, testScenario(), {
      addresses: addressesOf(replica.book),
      addressSource: "replica",
    }).then(
      () => expect.fail("should refuse"),
      (e) => expect(e).to.be.instanceOf(NotADevNodeError),
    );
    expect(() => process.kill(chain.pid!, 0)).to.throw();
  });

  it("error: liquidators taking aTokens (they need an inventory) are refused on a fork before anything is edited", async () => {
    const { chain: upstream, replica } = await useReplica("anvil");
    const chain = await forkOf(upstream);
    const scenario = testScenario();
    scenario.liquidators.whenCashShort = "receive-atoken";
    await openForkSession(chain, scenario, {
      addresses: addressesOf(replica.book),
      addressSource: "replica",
    }).then(
      () => expect.fail("should refuse"),
      (e) => {
        expect(e).to.be.instanceOf(DeploymentError);
        expect((e as Error).message).to.match(/receive-atoken.*replica only.*repay-less/);
      },
    );
  });

  it("error: addresses for another chain are refused before anything is edited", async () => {
    const { chain: upstream, replica } = await useReplica("anvil");
    const chain = await forkOf(upstream);
    await openForkSession(chain, testScenario(), {
      addresses: { ...addressesOf(replica.book), chainId: 1 },
      addressSource: "mainnet list",
    }).then(
      () => expect.fail("should refuse"),
      (e) => {
        expect(e).to.be.instanceOf(DeploymentError);
        expect((e as Error).message)
          .to.contain("chain 31337")
          .and.contain("chain 1");
      },
    );
  });

  it("error: an address book naming accounts without code is refused before any edit, each field named", async () => {
    const { chain: upstream, replica } = await useReplica("anvil");
    const chain = await forkOf(upstream);
    const real = addressesOf(replica.book);
    const nobody = "0x00000000000000000000000000000000000c0de0" as const;
    const aaveId = Object.keys(real.aave)[0]!;
    // New objects all the way down: the replica's own address book is shared with the other tests.
    const addresses = {
      ...real,
      aave: { ...real.aave, [aaveId]: { ...real.aave[aaveId]!, pool: nobody } },
      tokens: { ...real.tokens, USDC: { ...real.tokens.USDC!, address: nobody } },
    };
    await openForkSession(chain, testScenario(), { addresses, addressSource: "test file" }).then(
      () => expect.fail("should refuse"),
      (e) => {
        expect(e).to.be.instanceOf(DeploymentError);
        expect((e as Error).message)
          .to.contain("2 of the address book's")
          .and.contain(`aave.${aaveId}.pool: no contract at ${nobody}`)
          .and.contain(`tokens.USDC: no contract at ${nobody}`);
      },
    );
    expect(replica.book.aave[aaveId]!.pool).to.not.equal(nobody);
  });

  it("behavior: balances are written where the token keeps them; a token without a balance slot is refused", async () => {
    const { chain, replica, reset } = await useReplica("anvil");
    await reset();
    const holder = "0x00000000000000000000000000000000000d1c01" as const;
    const usdc = replica.book.tokens.USDC!.address;
    await dealErc20(chain, { token: usdc, holder, amount: 123_456_789n });
    const balanceOf = parseAbi(["function balanceOf(address) view returns (uint256)"]);
    expect(
      await chain.client.readContract({
        address: usdc,
        abi: balanceOf,
        functionName: "balanceOf",
        args: [holder],
      }),
    ).to.equal(123_456_789n);
    // Runtime code answering 32 zero bytes to any call: balanceOf is always 0, whatever is written.
    const stub = "0x00000000000000000000000000000000000d1c02" as const;
    await chain.client.setCode({ address: stub, bytecode: "0x60206000f3" });
    await dealErc20(chain, { token: stub, holder, amount: 1n }).then(
      () => expect.fail("should refuse"),
      (e) => expect((e as Error).message).to.match(/no storage slot 0–99 holds balanceOf/),
    );
    await reset();
  });

  it("error: a borrower list names the bad line; text lists apply to every Aave market", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dlcm-list-"));
    const good = join(dir, "good.txt");
    writeFileSync(
      good,
      "# from an indexer\n0x00000000000000000000000000000000000d1c01\n\n0x00000000000000000000000000000000000D1C02 # whale\n",
    );
    const both = [
      "0x00000000000000000000000000000000000d1c01",
      "0x00000000000000000000000000000000000d1c02",
    ].map((a) => getAddress(a));
    expect(await loadBorrowerList(good, ["aave", "aave-prime"])).to.deep.equal({
      aave: both,
      "aave-prime": both,
    });
    const bad = join(dir, "bad.txt");
    writeFileSync(bad, "0x00000000000000000000000000000000000d1c01\n0x1234\n");
    await loadBorrowerList(bad, ["aave"]).then(
      () => expect.fail("should throw"),
      (e) => {
        expect(e).to.be.instanceOf(ScenarioLoadError);
        expect((e as Error).message)
          .to.contain("line 2")
          .and.contain('"0x1234"');
      },
    );
  });
});
