import { readFileSync } from "node:fs";
import { expect } from "chai";
import { type Address, decodeEventLog, parseAbi } from "viem";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import type { Chain } from "../../src/chain/types.js";
import type { Replica } from "../../src/harness/deployReplica.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import {
  calculateUserAccountData,
  MAX_UINT256,
} from "../../src/model/lending/aave/calculateUserAccountData.js";
import { executeLiquidationCall } from "../../src/model/lending/aave/executeLiquidationCall.js";
import { calculateCompoundedInterest } from "../../src/model/lending/aave/MathUtils.js";
import { normalizedIndices, updateRates, updateState } from "../../src/model/lending/aave/ReserveLogic.js";
import { calculateCompoundedInterestV30 } from "../../src/model/lending/aave/ReserveLogicV30.js";
import { RAY } from "../../src/model/lending/aave/WadRayMath.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { liquidateOnAave } from "../../src/protocols/aave/liquidateOnAave.js";
import { readAaveMarket } from "../../src/protocols/aave/readAaveMarket.js";
import { setFeedAnswer } from "../../src/protocols/oracle/setFeedAnswer.js";
import { mainnetLikeScenario } from "../../src/testing/mainnetLikeScenario.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

/** The replica's Aave market as the chain holds it now: every reserve and every seeded borrower, through the lens. */
function readReplicaAave(chain: Chain, replica: Replica) {
  const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
  return readAaveMarket(chain, {
    lens: replica.book.harness.aaveLens,
    pool: replica.book.aave.aave!.pool,
    assets: market.reserves.map((r) => ({ symbol: r.symbol, asset: replica.book.tokens[r.symbol]!.address })),
    users: market.positions.map((p, i) => ({ id: p.id, address: replica.book.borrowers.aave![i]! })),
  });
}

/** Our liquidator takes a borrower's WETH for its USDC debt, selling on the 5 bps pool. */
const liquidateWethForUsdc = (chain: Chain, replica: Replica, user: Address, flashAmount: bigint) =>
  liquidateOnAave(chain, {
    from: replica.book.roles.liquidators[0]!,
    liquidator: replica.book.aave.aave!.liquidator,
    pool: replica.book.aave.aave!.pool,
    treasury: replica.book.aave.aave!.treasury,
    collateral: replica.book.tokens.WETH!.address,
    debt: replica.book.tokens.USDC!.address,
    user,
    flashAmount,
    uniswapPool: replica.book.uniswapV3.pools["weth-usdc-5"]!.address,
  });

// Issue 14: the replica in mainnet's corner (v3.6, 85%/80% utilisation, a year of interest: indices off 1 ray).
describe("Aave v3.6 in mainnet's corner: utilisation, a year of interest (issue 14)", function () {
  this.timeout(300_000);

  it("default: the model's own build of the market (indices after a year, cash, every position) equals the chain's to the wei", async () => {
    const { chain, replica, reset } = await useReplica("anvil", "mainnet-like");
    await reset();
    const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    const read = await readReplicaAave(chain, replica);
    expect(
      read.reserves.map(({ asset: _a, aToken: _t, variableDebtToken: _d, id: _i, ...r }) => r),
    ).to.deep.equal(market.reserves);
    expect(read.positions).to.deep.equal(market.positions);
    const usdc = market.reserves.find((r) => r.symbol === "USDC")!;
    const weth = market.reserves.find((r) => r.symbol === "WETH")!;
    const utilisation = (r: typeof usdc) => {
      const debt = market.positions.reduce((s, p) => s + p.scaledDebt[market.reserves.indexOf(r)]!, 0n);
      return Number(debt) / Number(debt + r.cash!);
    };
    // WETH as the scenario sets it: 85% of the supply borrowed, 15% left as cash.
    expect(utilisation(weth)).to.be.closeTo(0.85, 1e-6);
    // Hand: USDC at utilisation u borrows at 6.5% · u / 92% a year; compounded over 365 days (the contract's
    // three-term approximation of e^x, off by x⁴/24 < 1e-8 here) its borrow index is e^rate.
    const u = utilisation(usdc);
    expect(u).to.be.within(0.05, 0.92);
    expect(Number((usdc.variableBorrowIndexRay * 10n ** 9n) / RAY) / 1e9).to.be.closeTo(
      Math.exp((0.065 * u) / 0.92),
      1e-6,
    );
    // WETH suppliers earn 2.7% · 0.85 / 0.9 (the borrow rate) · 0.85 (supply usage) · (1 − 15%), linearly.
    expect(Number((weth.liquidityIndexRay * 10n ** 9n) / RAY) / 1e9).to.be.closeTo(
      1 + ((0.027 * 0.85) / 0.9) * 0.85 * 0.85,
      1e-6,
    );
    // The pool's own health factors agree with the model's at these indices.
    read.accounts.forEach((a, i) => {
      const model = calculateUserAccountData(market.reserves, market.positions[i]!, read.pricesE8, "v3.6");
      expect(a.healthFactor, market.positions[i]!.id).to.equal(model.healthFactor);
      expect(a.totalDebtBase, market.positions[i]!.id).to.equal(model.totalDebtBase);
    });
  });

  it("behavior: interest keeps running: a day and a liquidation later, the model's indices and rates equal the Pool's to the wei", async () => {
    const { chain, replica, reset } = await useReplica("anvil", "mainnet-like");
    await reset();
    const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    const aave = replica.book.aave.aave!;
    const assets = market.reserves.map((r) => ({
      symbol: r.symbol,
      asset: replica.book.tokens[r.symbol]!.address,
    }));
    const read = (users: { id: string; address: `0x${string}` }[] = []) =>
      readAaveMarket(chain, { lens: replica.book.harness.aaveLens, pool: aave.pool, assets, users });
    const start = await read();
    for (const r of start.reserves) expect(r.accrual, r.symbol).to.not.equal(undefined);
    // A day later (an empty block): the indices the model carries the stored ones forward to.
    const t0 = (await chain.client.getBlock()).timestamp;
    await chain.client.request({
      method: "evm_setNextBlockTimestamp" as never,
      params: [`0x${(t0 + 86_400n).toString(16)}`] as never,
    });
    await chain.client.request({ method: "evm_mine" as never, params: [] as never });
    const later = await read();
    start.reserves.forEach((r, i) => {
      const at = normalizedIndices(r.accrual!, 86_400n);
      expect(later.reserves[i]!.liquidityIndexRay, r.symbol).to.equal(at.liquidityIndexRay);
      expect(later.reserves[i]!.variableBorrowIndexRay, r.symbol).to.equal(at.variableBorrowIndexRay);
      expect(at.variableBorrowIndexRay > r.variableBorrowIndexRay, `${r.symbol} debt grew`).to.equal(true);
    });
    // A liquidation then updates both reserves (updateState) and sets their rates from what it leaves.
    await setFeedAnswer(chain, {
      from: replica.book.roles.deployer,
      feed: replica.book.feeds.WETH!,
      answer: 2_450_00000000n,
    });
    const users = market.positions.map((p, i) => ({ id: p.id, address: replica.book.borrowers.aave![i]! }));
    const before = await read(users);
    const readAt = (await chain.client.getBlock()).timestamp;
    const i = before.accounts.findIndex(
      (a, k) =>
        a.healthFactor < 10n ** 18n &&
        before.positions[k]!.scaledDebt[1]! > 0n &&
        before.positions[k]!.scaledCollateral[0]! > 0n,
    );
    expect(i).to.be.at.least(0);
    // The liquidation is mined a second after the read: the model carries the indices forward to it.
    const now = readAt + 1n;
    const sinceRead = now - readAt;
    const reservesThen = before.reserves.map((r) => ({ ...r, ...normalizedIndices(r.accrual!, sinceRead) }));
    const result = executeLiquidationCall({
      profile: "v3.6",
      reserves: reservesThen,
      prices: before.pricesE8,
      position: before.positions[i]!,
      collateralIndex: 0,
      debtIndex: 1,
      debtToCover: MAX_UINT256,
      cash: before.reserves.map((r) => r.cash!),
    });
    await chain.client.request({
      method: "evm_setNextBlockTimestamp" as never,
      params: [`0x${now.toString(16)}`] as never,
    });
    const got = await liquidateWethForUsdc(chain, replica, users[i]!.address, result.actualDebtToLiquidate);
    expect(got.debtRepaid).to.equal(result.actualDebtToLiquidate);
    expect(got.collateralSeized).to.equal(result.actualCollateralToLiquidate);
    const after = await read();
    // The model's clock counts from the block `before` was read at; the liquidation's block is `now`.
    before.reserves.forEach((r, k) => {
      let accrual = updateState(r.accrual!, sinceRead);
      const burned = (before.positions[i]!.scaledDebt[k] ?? 0n) - (result.position.scaledDebt[k] ?? 0n);
      accrual = updateRates(
        { ...accrual, totalScaledDebt: accrual.totalScaledDebt - burned },
        { virtualUnderlyingBalance: result.cash![k]!, deficit: (r.deficit ?? 0n) + result.deficit[k]! },
      );
      // Both reserves were updated in the liquidation's block: read there, their last update is 0 seconds ago.
      expect(
        { ...accrual, lastUpdateSeconds: accrual.lastUpdateSeconds - sinceRead },
        r.symbol,
      ).to.deep.equal(after.reserves[k]!.accrual!);
    });
  });

  it("behavior: at indices off 1 ray the debt-token balance difference misses the repaid debt by a wei, the Pool's LiquidationCall event does not (defect 1)", async () => {
    const { chain, replica, reset } = await useReplica("anvil", "mainnet-like");
    await reset();
    const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    const aave = replica.book.aave.aave!;
    const assets = market.reserves.map((r) => ({
      symbol: r.symbol,
      asset: replica.book.tokens[r.symbol]!.address,
    }));
    const users = market.positions.map((p, i) => ({ id: p.id, address: replica.book.borrowers.aave![i]! }));
    const abi = loadArtifact("aave/CascadeLiquidator").abi;
    let offByAWei = 0;
    let partial = 0;
    // WETH stepping down from its $3,000 start: at each step, every borrower below 1 is liquidated (most in
    // part: the 50% close factor above HF 0.95).
    for (const price of [2_850n, 2_750n, 2_650n, 2_550n, 2_450n]) {
      await setFeedAnswer(chain, {
        from: replica.book.roles.deployer,
        feed: replica.book.feeds.WETH!,
        answer: price * 10n ** 8n,
      });
      const before = await readAaveMarket(chain, {
        lens: replica.book.harness.aaveLens,
        pool: aave.pool,
        assets,
        users,
      });
      // Every liquidation of this step is mined at the read's timestamp: no interest accrues between the
      // read and the liquidations, so the model's quote does not depend on how fast the test runs. The
      // reserve's cash does change with each one, and is carried from quote to quote.
      const readAt = (await chain.client.getBlock()).timestamp;
      let cash = before.reserves.map((r) => r.cash!);
      const targets = before.accounts.flatMap((a, i) =>
        a.healthFactor < 10n ** 18n &&
        before.positions[i]!.scaledCollateral[0]! > 0n &&
        before.positions[i]!.scaledDebt[1]! > 0n
          ? [i]
          : [],
      );
      for (const i of targets) {
        const expected = executeLiquidationCall({
          profile: "v3.6",
          reserves: before.reserves,
          prices: before.pricesE8,
          position: before.positions[i]!,
          collateralIndex: 0,
          debtIndex: 1,
          debtToCover: MAX_UINT256,
          cash,
        });
        cash = expected.cash!;
        await chain.client.request({
          method: "evm_setNextBlockTimestamp" as never,
          params: [`0x${readAt.toString(16)}`] as never,
        });
        const got = await liquidateWethForUsdc(
          chain,
          replica,
          users[i]!.address,
          expected.actualDebtToLiquidate,
        );
        expect(got.debtRepaid, users[i]!.id).to.equal(expected.actualDebtToLiquidate);
        expect(got.collateralSeized, users[i]!.id).to.equal(expected.actualCollateralToLiquidate);
        expect(got.protocolFee, users[i]!.id).to.equal(expected.liquidationProtocolFeeAmount);
        if (expected.position.scaledDebt[1] === 0n) continue; // the whole debt: no rounding left to see
        partial++;
        // What the old check read: the borrower's debt-token balance difference over the transaction.
        const receipt = await chain.client.getTransactionReceipt({ hash: got.hash });
        const debtOf = (blockNumber: bigint) =>
          chain.client.readContract({
            address: aave.reserves.USDC!.variableDebtToken,
            abi: parseAbi(["function balanceOf(address) view returns (uint256)"]),
            functionName: "balanceOf",
            args: [users[i]!.address],
            blockNumber,
          });
        const balanceDifference =
          (await debtOf(receipt.blockNumber - 1n)) - (await debtOf(receipt.blockNumber));
        if (balanceDifference !== got.debtRepaid) offByAWei++;
        expect(Number(balanceDifference - got.debtRepaid)).to.be.within(-1, 1);
        // Our liquidator's own account of the repayment (the allowance the pool used) is exact.
        for (const log of receipt.logs) {
          if (log.address.toLowerCase() !== aave.liquidator.toLowerCase()) continue;
          const event = decodeEventLog({ abi, data: log.data, topics: log.topics, strict: false });
          if (event.eventName === "Liquidation")
            expect((event.args as unknown as { debtRepaid: bigint }).debtRepaid).to.equal(got.debtRepaid);
        }
      }
    }
    expect(partial, "partial liquidations").to.be.greaterThan(10);
    expect(offByAWei, "liquidations whose balance difference is a wei off").to.be.greaterThan(0);
  });

  it("default: the crash on this state runs with every transaction exact (a liquidation sized to the reserve's cash among them) and the per-block scan agreeing", async () => {
    const { session } = await useReplica("anvil", "mainnet-like");
    const run = await runVariantOnChain(session, mainnetLikeScenario(), { skipSsf: true });
    const chain = run.chain!;
    expect(chain.actions.executed).to.be.greaterThan(50);
    expect(chain.actions.mismatched).to.equal(0);
    // The WETH reserve's cash ran out on the way: a liquidator repaid only what it could pay out.
    const partial = run.model!.events.filter((e) => e.debtToCover !== undefined);
    expect(partial.length, "liquidations sized to the reserve's cash").to.be.greaterThan(0);
    expect(chain.scanCheck.disagreements).to.deep.equal([]);
    expect(chain.scanCheck.maxInsuranceGapUsd).to.be.lessThan(0.01);
  });
});

// Issue 14, the second profile in the same corner: Aave v3.0 (@aave/core-v3 1.19.3) with its own
// DefaultReserveInterestRateStrategy, 85% utilisation and a year of interest, its rounding (half up) and
// compounding (the binomial in n(n−1), n(n−1)(n−2)) mirrored by ReserveLogicV30.
describe("Aave v3.0 in mainnet's corner: its own rate strategy, a year of interest (issue 14)", function () {
  this.timeout(300_000);

  it("default: the model's build of the v3.0 market (indices after a year through v3.0's formulas, rates, cash, positions) equals the chain's to the wei", async () => {
    const { chain, replica, reset } = await useReplica("anvil", "mainnet-like-v3.0");
    await reset();
    const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    expect(market.profile).to.equal("v3.0");
    const aave = replica.book.aave.aave!;
    const read = await readReplicaAave(chain, replica);
    const reserves = read.reserves.map(({ asset: _a, aToken: _t, variableDebtToken: _d, id: _i, ...r }) => r);
    expect(reserves).to.deep.equal(market.reserves);
    expect(reserves.every((r) => r.accrual?.profile === "v3.0")).to.equal(true);
    // The chain's own normalised debt after the year, against the two compounding formulas: v3.0's
    // binomial, not v3.6's (they differ by ~3e-7 at USDC's rate, well above a wei).
    const usdc = market.reserves.find((r) => r.symbol === "USDC")!;
    const chainDebtIndex = (await chain.client.readContract({
      address: aave.pool,
      abi: parseAbi(["function getReserveNormalizedVariableDebt(address) view returns (uint256)"]),
      functionName: "getReserveNormalizedVariableDebt",
      args: [replica.book.tokens.USDC!.address],
    })) as bigint;
    expect(chainDebtIndex).to.equal(usdc.variableBorrowIndexRay);
    const rate = usdc.accrual!.variableBorrowRateRay;
    const year = 365n * 86_400n;
    expect(chainDebtIndex).to.equal(calculateCompoundedInterestV30(rate, year));
    expect(chainDebtIndex).to.not.equal(calculateCompoundedInterest(rate, year));
    // Hand: at rate r the binomial is 1 + r + r²/2 + r³/6 up to terms in 1/n (n = seconds in a year), but
    // v3.0 takes the cube per second in integers: ⌊⌊r²/n²⌋ · r / n⌋ rays, which at USDC's 1.23% is
    // ⌊1.5e8 · 0.0123 / 3.2e7⌋ = 0, so its index is 1 + r + r²/2 (v3.6's adds the r³/6, 3e-7 more).
    const r = Number(rate) / 1e27;
    expect(r).to.be.within(0.005, 0.05);
    // (within r²/2n ≈ 2.4e-12: the n(n−1) of the square term)
    expect(Number(chainDebtIndex) / 1e27).to.be.closeTo(1 + r + (r * r) / 2, 1e-11);
    expect(Number(calculateCompoundedInterest(rate, year)) / 1e27).to.be.closeTo(
      1 + r + (r * r) / 2 + (r * r * r) / 6,
      1e-11,
    );
    read.accounts.forEach((a, i) => {
      const model = calculateUserAccountData(market.reserves, market.positions[i]!, read.pricesE8, "v3.0");
      expect(a.healthFactor, market.positions[i]!.id).to.equal(model.healthFactor);
    });
  });

  it("behavior: a day later and after a liquidation, the v3.0 model's indices, rates and the treasury's share equal the Pool's to the wei", async () => {
    const { chain, replica, reset } = await useReplica("anvil", "mainnet-like-v3.0");
    await reset();
    const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    const readNow = () => readReplicaAave(chain, replica);
    const before = await readNow();
    const start = before.blockTimestamp;
    // A day on, ETH at $1,500: the probe position is liquidatable; liquidate it (our liquidator, flash loan).
    await chain.client.setNextBlockTimestamp({ timestamp: start + 86_400n });
    const weth = market.reserves.findIndex((r) => r.symbol === "WETH");
    await setFeedAnswer(chain, {
      from: replica.book.roles.deployer,
      feed: replica.book.feeds.WETH!,
      answer: 1_500n * 10n ** 8n,
    });
    const probe = market.positions.findIndex((p) => p.id === "probe-weth");
    const user = replica.book.borrowers.aave![probe]!;
    await chain.client.setNextBlockTimestamp({ timestamp: start + 86_401n });
    const result = await liquidateWethForUsdc(chain, replica, user, 10n ** 12n);
    const after = await readNow();
    // The model: each reserve as the liquidation left it, from the state read a day earlier.
    const prices = before.pricesE8.map((p, i) => (i === weth ? 1_500n * 10n ** 8n : p));
    const now = after.blockTimestamp - start;
    const reserves = before.reserves.map((r) => {
      const accrual = updateState(r.accrual!, now);
      const at = normalizedIndices(accrual, now);
      return {
        ...r,
        accrual,
        liquidityIndexRay: at.liquidityIndexRay,
        variableBorrowIndexRay: at.variableBorrowIndexRay,
      };
    });
    const liquidation = executeLiquidationCall({
      profile: "v3.0",
      reserves,
      prices,
      position: before.positions[probe]!,
      collateralIndex: weth,
      debtIndex: market.reserves.findIndex((r) => r.symbol === "USDC"),
      debtToCover: MAX_UINT256,
      cash: before.reserves.map((r) => r.cash!),
    });
    expect(result.debtRepaid).to.equal(liquidation.actualDebtToLiquidate);
    expect(result.collateralSeized).to.equal(liquidation.actualCollateralToLiquidate);
    expect(after.positions[probe]).to.deep.equal(liquidation.position);
    reserves.forEach((r, i) => {
      const burned = before.positions[probe]!.scaledDebt[i]! - liquidation.position.scaledDebt[i]!;
      const accrual = updateRates(
        { ...r.accrual!, totalScaledDebt: r.accrual!.totalScaledDebt - burned },
        { virtualUnderlyingBalance: liquidation.cash![i]!, deficit: 0n },
      );
      const chainReserve = after.reserves[i]!;
      expect(chainReserve.accrual!.storedVariableBorrowIndexRay, r.symbol).to.equal(
        accrual.storedVariableBorrowIndexRay,
      );
      expect(chainReserve.accrual!.storedLiquidityIndexRay, r.symbol).to.equal(
        accrual.storedLiquidityIndexRay,
      );
      expect(chainReserve.accrual!.variableBorrowRateRay, r.symbol).to.equal(accrual.variableBorrowRateRay);
      expect(chainReserve.accrual!.liquidityRateRay, r.symbol).to.equal(accrual.liquidityRateRay);
      expect(chainReserve.accrual!.accruedToTreasury, r.symbol).to.equal(accrual.accruedToTreasury);
    });
    // The treasury's share grew over the day (its v3.0 rounding is what the equalities above check).
    expect(after.reserves[weth]!.accrual!.accruedToTreasury! > 0n).to.equal(true);
  });

  it("default: the crash on this state runs with every transaction exact and the per-block scan agreeing", async () => {
    const { session } = await useReplica("anvil", "mainnet-like-v3.0");
    const run = await runVariantOnChain(session, mainnetLikeScenario("v3.0"), { skipSsf: true });
    const chain = run.chain!;
    expect(run.error ?? null).to.equal(null);
    expect(chain.actions.executed).to.be.greaterThan(50);
    expect(chain.actions.mismatched, JSON.stringify(chain.mismatches.slice(0, 2))).to.equal(0);
    expect(run.model!.events.filter((e) => e.kind === "liquidationCall").length).to.be.greaterThan(10);
    expect(chain.scanCheck.disagreements).to.deep.equal([]);
  });

  it("behavior: the default scenario's market on v3.0 (its interest history, its ETH-correlated e-mode loops, the category lending both its assets as v3.0 requires) runs the crash with every transaction exact and the scan agreeing", async () => {
    const raw = JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8"));
    const aave = raw.markets.find((m: { id: string }) => m.id === "aave");
    aave.profile = "v3.0";
    for (const c of aave.eModeCategories) c.borrowable = [...c.collateral];
    raw.thresholds = { ...raw.thresholds, ssf: false };
    const scenario = parseScenario(raw);
    expect(scenario.borrowers.some((b) => "generator" in b && b.generator.eMode !== undefined)).to.equal(
      true,
    );
    const report = await runScenarioOnChain(scenario, { backend: "anvil" });
    expect(report.error).to.equal(undefined);
    const cmp = report.comparison!;
    expect(cmp.actions.executed).to.be.greaterThan(1000);
    expect(cmp.actions.mismatched, JSON.stringify(report.chain!.mismatches?.slice(0, 2))).to.equal(0);
    expect(report.chain!.scanCheck.disagreements).to.deep.equal([]);
  });
});
