import { expect } from "chai";
import { type Address, decodeEventLog, encodeFunctionData, type TransactionReceipt } from "viem";
import { hasCometArtifacts, loadCometArtifact } from "../../src/build/compileComet.js";
import { sendBlock } from "../../src/chain/sendBlock.js";
import type { Chain } from "../../src/chain/types.js";
import type { Replica } from "../../src/harness/deployReplica.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import type { CompoundMarketModel } from "../../src/model/cascade/types.js";
import { absorb } from "../../src/model/lending/compound/absorb.js";
import { accrueInternal } from "../../src/model/lending/compound/accrueInternal.js";
import { getReserves } from "../../src/model/lending/compound/getReserves.js";
import { isLiquidatable } from "../../src/model/lending/compound/isLiquidatable.js";
import { quoteCollateral } from "../../src/model/lending/compound/quoteCollateral.js";
import { readCometMarket } from "../../src/protocols/compound/readCometMarket.js";
import { setFeedAnswer } from "../../src/protocols/oracle/setFeedAnswer.js";
import { mainnetLikeScenario } from "../../src/testing/mainnetLikeScenario.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

const E6 = 10n ** 6n;
const E8 = 10n ** 8n;
const E18 = 10n ** 18n;

/** Comet's build comes from a fetched source: without it these tests cannot run, and say how to make them. */
function requireComet(this: Mocha.Context): void {
  if (!hasCometArtifacts()) {
    console.log("      (skipped: Comet's pinned source is not fetched; run npm run protocols:fetch)");
    this.skip();
  }
}

const read = (chain: Chain, replica: Replica) => {
  const market = replica.state.markets.find((m) => m.id === "compound-usdc") as CompoundMarketModel;
  const c = replica.book.compound!["compound-usdc"]!;
  return readCometMarket(chain, {
    lens: replica.book.harness.cometLens!,
    comet: c.comet,
    assets: c.assets,
    feeds: market.market.assets.map((a) => replica.book.feeds[a.symbol]!),
    accounts: replica.book.borrowers["compound-usdc"]!,
    base: market,
  });
};

/** One block at `latest + seconds` with these calls, from the first liquidator account. */
async function mine(
  chain: Chain,
  replica: Replica,
  seconds: bigint,
  calls: { to: Address; data: `0x${string}` }[],
) {
  const latest = (await chain.client.getBlock()).timestamp;
  const from = replica.book.roles.liquidators[0]!;
  return await sendBlock(chain, {
    timestamp: latest + seconds,
    transactions: calls.map((c) => ({ from, to: c.to, data: c.data, gas: 3_000_000n })),
  });
}

function events(receipt: TransactionReceipt, comet: Address) {
  const abi = loadCometArtifact("Comet").abi;
  return receipt.logs.flatMap((log) => {
    if (log.address.toLowerCase() !== comet.toLowerCase()) return [];
    try {
      return [decodeEventLog({ abi, data: log.data, topics: log.topics })];
    } catch {
      return [];
    }
  }) as unknown as { eventName: string; args: Record<string, bigint> }[];
}

describe("Compound V3 (Comet) from its pinned source on the replica (issue 15)", function () {
  this.timeout(300_000);
  before(requireComet);

  it("default: the hand example: 1 WETH against 1,700 USDC at $1,800 absorbs 1,710 USDC of value (0.95 · 1,800) and sells 1 WETH for 1,746 USDC (1,800 · (1 − 0.6 · 0.05))", async () => {
    const { chain, replica, reset } = await useReplica("anvil");
    await reset();
    const c = replica.book.compound!["compound-usdc"]!;
    const probe = replica.book.borrowers["compound-usdc"]![0]!;
    const abi = loadCometArtifact("Comet").abi;
    await setFeedAnswer(chain, {
      from: replica.book.roles.deployer,
      feed: replica.book.feeds.WETH!,
      answer: 1900n * E8,
    });
    const start = await read(chain, replica);
    expect(start.market.positions[0]).to.deep.equal({
      id: "comet-probe",
      principal: -1700n * E6,
      collateral: [E18],
    });
    expect(start.pricesE8).to.deep.equal({ base: E8, assets: [1900n * E8] });
    // At $1,900: 0.9 · 1,900 = 1,710 ≥ 1,700, not liquidatable; Comet's own absorb reverts.
    let [r] = await mine(chain, replica, 1n, [
      {
        to: c.comet,
        data: encodeFunctionData({
          abi,
          functionName: "absorb",
          args: [replica.book.roles.liquidators[0]!, [probe]],
        }),
      },
    ]);
    expect(
      r!.status,
      JSON.stringify(
        { liq: start.liquidatable[0], logs: events(r!, c.comet), to: r!.to, n: r!.logs.length },
        (_k, v) => (typeof v === "bigint" ? v.toString() : v),
      ),
    ).to.equal("reverted");
    await setFeedAnswer(chain, {
      from: replica.book.roles.deployer,
      feed: replica.book.feeds.WETH!,
      answer: 1800n * E8,
    });
    [r] = await mine(chain, replica, 1n, [
      {
        to: c.comet,
        data: encodeFunctionData({
          abi,
          functionName: "absorb",
          args: [replica.book.roles.liquidators[0]!, [probe]],
        }),
      },
    ]);
    expect(r!.status).to.equal("success");
    const ev = events(r!, c.comet);
    const debt = ev.find((e) => e.eventName === "AbsorbDebt")!.args;
    const coll = ev.find((e) => e.eventName === "AbsorbCollateral")!.args;
    // By hand: value 1 · 1,800 = $1,800 (usdValue, 8 decimals); 0.95 of it repays 1,700 and credits 10.
    expect(coll.collateralAbsorbed).to.equal(E18);
    expect(coll.usdValue).to.equal(1800n * E8);
    expect(debt.basePaidOut).to.equal(1710n * E6);
    expect(debt.usdValue).to.equal(1710n * E8);
    const after = await read(chain, replica);
    expect(after.market.positions[0]!.principal).to.equal(10n * E6);
    expect(after.market.market.collateralReserves[0]).to.equal(E18);
    // The storefront: 1,746 USDC buys exactly the 1 WETH (discount 0.6 · (1 − 0.95) = 3%).
    const quote = (await chain.client.readContract({
      address: c.comet,
      abi,
      functionName: "quoteCollateral",
      args: [c.assets[0]!, 1746n * E6],
    })) as bigint;
    expect(quote).to.equal(E18);
    expect(quoteCollateral(after.market.market, after.pricesE8, 0, 1746n * E6)).to.equal(E18);
  });

  it("behavior: after a year of interest, the model's build of Comet (indices, totals, reserves, accounts) equals the chain's", async () => {
    const { chain, replica, reset } = await useReplica("anvil", "mainnet-like");
    await reset();
    const model = replica.state.markets.find((m) => m.id === "compound-usdc") as CompoundMarketModel;
    const got = await read(chain, replica);
    expect(got.market.market).to.deep.equal(model.market);
    expect(got.market.positions).to.deep.equal(model.positions);
    // A year at 85% utilisation of cUSDCv3's launch curve: borrow 1.5% + 3.5% · 0.8 + 25% · 0.05 = 5.55%.
    const years = Number(model.market.baseBorrowIndex) / 1e15 - 1;
    expect(years).to.be.closeTo(0.0555, 0.0002);
    expect(got.reserves).to.equal(getReserves(model.market, 0n));
  });

  it("behavior: random absorbs and storefront quotes at random times and prices equal Comet's own results", async () => {
    const { chain, replica, reset } = await useReplica("anvil", "mainnet-like");
    await reset();
    const c = replica.book.compound!["compound-usdc"]!;
    const abi = loadCometArtifact("Comet").abi;
    const accounts = replica.book.borrowers["compound-usdc"]!;
    let seed = 15;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let absorbs = 0;
    let refusals = 0;
    for (let round = 0; round < 12; round++) {
      const before = await read(chain, replica);
      const readAt = (await chain.client.getBlock()).timestamp;
      const price = BigInt(Math.round(1500 + rand() * 1500)) * E8;
      await setFeedAnswer(chain, {
        from: replica.book.roles.deployer,
        feed: replica.book.feeds.WETH!,
        answer: price,
      });
      const dt = BigInt(1 + Math.floor(rand() * 86_400 * 30));
      const i = Math.floor(rand() * accounts.length);
      const position = before.market.positions[i]!;
      const prices = { base: before.pricesE8.base, assets: [price] };
      const lastAccrual = before.market.market.lastAccrualSeconds;
      const [r] = await mine(chain, replica, dt, [
        {
          to: c.comet,
          data: encodeFunctionData({
            abi,
            functionName: "absorb",
            args: [replica.book.roles.liquidators[0]!, [accounts[i]!]],
          }),
        },
      ]);
      // The absorb's time relative to the read: what the model accrues to.
      const now = (await chain.client.getBlock({ blockNumber: r!.blockNumber })).timestamp - readAt + 0n;
      const accrued = accrueInternal(before.market.market, now);
      const expectLiquidatable = position.principal < 0n && isLiquidatable(accrued, position, prices);
      expect(r!.status === "success", `round ${round}: account ${i}, absorb`).to.equal(expectLiquidatable);
      expect(lastAccrual <= 0n).to.equal(true);
      if (!expectLiquidatable) {
        refusals++;
        continue;
      }
      absorbs++;
      const m = absorb(before.market.market, position, prices, now);
      const ev = events(r!, c.comet);
      expect(ev.find((e) => e.eventName === "AbsorbDebt")!.args.basePaidOut).to.equal(m.basePaidOut);
      expect(ev.find((e) => e.eventName === "AbsorbCollateral")!.args.collateralAbsorbed).to.equal(
        m.seized[0],
      );
      const after = await read(chain, replica);
      expect(after.market.market.baseSupplyIndex).to.equal(m.market.baseSupplyIndex);
      expect(after.market.market.baseBorrowIndex).to.equal(m.market.baseBorrowIndex);
      expect(after.market.market.totalSupplyBase).to.equal(m.market.totalSupplyBase);
      expect(after.market.market.totalBorrowBase).to.equal(m.market.totalBorrowBase);
      expect(after.market.positions[i]!.principal).to.equal(m.position.principal);
      // Reserves and a quote, as views at the chain's latest block: accrued on the fly by getReserves.
      const model = { ...m.market, lastAccrualSeconds: 0n };
      expect(after.reserves).to.equal(getReserves(model, 0n));
      const baseAmount = BigInt(Math.floor(rand() * 5_000)) * E6 + 1n;
      const onChain = (await chain.client.readContract({
        address: c.comet,
        abi,
        functionName: "quoteCollateral",
        args: [c.assets[0]!, baseAmount],
      })) as bigint;
      expect(onChain).to.equal(quoteCollateral(model, after.pricesE8, 0, baseAmount));
    }
    expect(absorbs, "absorbs exercised").to.be.greaterThan(1);
    expect(refusals, "refusals exercised").to.be.greaterThan(0);
  });

  it("behavior: the crash on chain in mainnet's corner: every Aave liquidation, Comet absorb and storefront buy exact, Comet's own isLiquidatable equal to the model's every block", async () => {
    const { session } = await useReplica("anvil", "mainnet-like");
    const run = await runVariantOnChain(session, mainnetLikeScenario(), { skipSsf: true });
    const chain = run.chain!;
    const kinds = new Map<string, number>();
    for (const e of run.model!.events) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    expect(kinds.get("absorb") ?? 0, "absorbs").to.be.greaterThan(0);
    expect(kinds.get("buyCollateral") ?? 0, "storefront buys").to.be.greaterThan(0);
    expect(chain.actions.mismatched, JSON.stringify(chain.mismatches.slice(0, 2))).to.equal(0);
    expect(chain.actions.modelOnly).to.equal(0);
    expect(chain.scanCheck.disagreements).to.deep.equal([]);
    // Comet's losses on chain, from its absorbs' own events, equal the model's to the cent.
    const loss = chain.totals.badDebtByProtocol["compound-usdc"]!;
    expect(loss.source).to.equal("chain");
    expect(loss.realizedUsd).to.be.closeTo(
      run.model!.totals.badDebtByProtocol["compound-usdc"]!.realizedUsd,
      0.01,
    );
  });
});
