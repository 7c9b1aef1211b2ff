import { expect } from "chai";
import type { Address } from "viem";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import { writeContract } from "../../src/chain/writeContract.js";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { TransactionRevertedError } from "../../src/errors/TransactionRevertedError.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { MAX_UINT256 } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { executeLiquidationCall } from "../../src/model/lending/aave/executeLiquidationCall.js";
import { liquidateOnAave } from "../../src/protocols/aave/liquidateOnAave.js";
import { readAaveMarket } from "../../src/protocols/aave/readAaveMarket.js";
import { AAVE_V36_ARTIFACTS } from "../../src/protocols/artifactIds.js";
import { setFeedAnswer } from "../../src/protocols/oracle/setFeedAnswer.js";
import { mintTestToken } from "../../src/protocols/tokens/mintTestToken.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

// Issue 14's defects, each against the real v3.6 contracts on the shared replica.
describe("Aave v3.6 on the replica: the reserve's cash and the dust rule with the fee (issue 14)", function () {
  this.timeout(180_000);

  async function setup(probe: string, wethPriceE8: bigint) {
    const fixture = await useReplica("anvil");
    await fixture.reset();
    const { chain, replica } = fixture;
    const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    expect(market.profile).to.equal("v3.6");
    const aave = replica.book.aave.aave!;
    const user = replica.book.borrowers.aave![market.positions.findIndex((p) => p.id === probe)]!;
    await setFeedAnswer(chain, {
      from: replica.book.roles.deployer,
      feed: replica.book.feeds.WETH!,
      answer: wethPriceE8,
    });
    const assets = market.reserves.map((r) => ({
      symbol: r.symbol,
      asset: replica.book.tokens[r.symbol]!.address,
    }));
    const read = () =>
      readAaveMarket(chain, {
        lens: replica.book.harness.aaveLens,
        pool: aave.pool,
        assets,
        users: [{ id: probe, address: user }],
      });
    return { chain, replica, market, aave, user, read };
  }

  it("behavior: a seizure beyond the WETH reserve's cash reverts on chain, and the model with the cash says so (defect 2)", async () => {
    // probe-weth (10 WETH / 24,000 USDC) at HF 0.9: p = 0.9 · 24,000 / 8.25 = 2,618.18.
    const { chain, replica, aave, user, read } = await setup("probe-weth", 261_818_181_818n);
    const before = await read();
    const w = before.reserves.findIndex((r) => r.symbol === "WETH");
    const liquidate = (state: typeof before, cash: boolean) =>
      executeLiquidationCall({
        profile: "v3.6",
        reserves: state.reserves,
        prices: state.pricesE8,
        position: state.positions[0]!,
        collateralIndex: w,
        debtIndex: 1 - w,
        debtToCover: MAX_UINT256,
        ...(cash ? { cash: state.reserves.map((r) => r.cash!) } : {}),
      });
    const seized = liquidate(before, true).actualCollateralToLiquidate;
    // HF ≤ 0.95: all 24,000 USDC repaid for 24,000 / 2,618.18 · 1.05 = 9.625 WETH, less the treasury's fee.
    expect(Number(seized) / 1e18).to.be.closeTo(9.625 - 0.1 * (9.625 - 9.625 / 1.05), 1e-9);

    // Someone borrows the reserve's WETH down to half the seizure, against plenty of USDC.
    const drainer = replica.book.roles.liquidators[1]!;
    const pool = aave.pool;
    const poolAbi = loadArtifact(AAVE_V36_ARTIFACTS.pool).abi;
    const cash = before.reserves[w]!.cash!;
    const borrow = cash - seized / 2n;
    const usdc = (((borrow * 261_818_181_818n) / 10n ** 20n) * 2n) / 10n ** 0n; // ≈ 2× the WETH's value, 6 decimals
    await mintTestToken(chain, {
      token: replica.book.tokens.USDC!.address,
      to: drainer,
      amount: usdc,
      spender: pool,
    });
    const call = (functionName: string, args: readonly unknown[]) =>
      writeContract(chain, { from: drainer, address: pool, abi: poolAbi, functionName, args } as Parameters<
        typeof writeContract
      >[1]);
    await call("supply", [replica.book.tokens.USDC!.address, usdc, drainer, 0]);
    await call("borrow", [replica.book.tokens.WETH!.address, borrow, 2n, 0, drainer]);
    const drained = await read();
    expect(drained.reserves[w]!.cash).to.equal(seized / 2n);

    // The model without the cash (the old code) would liquidate; with it, it reverts like the chain.
    expect(liquidate(drained, false).actualCollateralToLiquidate).to.equal(seized);
    expect(() => liquidate(drained, true)).to.throw(MathRevertError, /cash/);
    const sent = liquidateOnAave(chain, {
      from: replica.book.roles.liquidators[0]!,
      liquidator: aave.liquidator,
      pool,
      treasury: aave.treasury,
      collateral: replica.book.tokens.WETH!.address,
      debt: replica.book.tokens.USDC!.address,
      user,
      flashAmount: 24_000_000_000n,
      uniswapPool: replica.book.uniswapV3.pools["weth-usdc-5"]!.address,
    });
    await sent.then(
      () => expect.fail("the chain paid out WETH it did not hold"),
      (error) => expect(error).to.be.instanceOf(TransactionRevertedError),
    );
  });

  /** A liquidationCall sent by hand from an EOA (no flash loan, no sale), repaying `debtToCover` USDC. */
  async function liquidateByHand(debtToCover: bigint) {
    const s = await setup("probe-dust", 200_000_000_000n); // 10 WETH at $2,000 against 19,500 USDC: HF 0.846
    const before = await s.read();
    const w = before.reserves.findIndex((r) => r.symbol === "WETH");
    let model: ReturnType<typeof executeLiquidationCall> | Error;
    try {
      model = executeLiquidationCall({
        profile: "v3.6",
        reserves: before.reserves,
        prices: before.pricesE8,
        position: before.positions[0]!,
        collateralIndex: w,
        debtIndex: 1 - w,
        debtToCover,
        cash: before.reserves.map((r) => r.cash!),
      });
    } catch (error) {
      model = error as Error;
    }
    const liquidator = s.replica.book.roles.liquidators[0]! as Address;
    await mintTestToken(s.chain, {
      token: s.replica.book.tokens.USDC!.address,
      to: liquidator,
      amount: debtToCover,
      spender: s.aave.pool,
    });
    let chain: unknown;
    try {
      await writeContract(s.chain, {
        from: liquidator,
        address: s.aave.pool,
        abi: loadArtifact(AAVE_V36_ARTIFACTS.pool).abi,
        functionName: "liquidationCall",
        args: [
          s.replica.book.tokens.WETH!.address,
          s.replica.book.tokens.USDC!.address,
          s.user,
          debtToCover,
          false,
        ],
      } as Parameters<typeof writeContract>[1]);
      chain = (await s.read()).positions[0];
    } catch (error) {
      chain = error;
    }
    return { model, chain };
  }

  it("behavior: repaying 18,100 of 19,500 USDC leaves $995 of WETH once the fee is counted as taken ($1,085.50 if not): MustNotLeaveDust on chain and in the model (defect 3)", async () => {
    // Hand: 18,100 / 2,000 · 1.05 = 9.5025 WETH leave the borrower, of which the treasury's fee is 10% of the
    // bonus (0.04525); the liquidator gets 9.45725. Left: 10 − 9.5025 = 0.4975 WETH = $995 < $1,000. A rule
    // that forgets the fee sees 10 − 9.45725 = 0.54275 WETH = $1,085.50 and lets it through.
    const { model, chain } = await liquidateByHand(18_100_000_000n);
    expect(chain).to.be.instanceOf(TransactionRevertedError);
    expect((chain as TransactionRevertedError).reason).to.equal("MustNotLeaveDust");
    expect(model).to.be.instanceOf(MathRevertError);
    expect(String(model)).to.match(/MustNotLeaveDust/);
  });

  it("behavior: repaying 17,900 USDC leaves $1,205 with the fee: allowed, and the position after agrees to the wei", async () => {
    const { model, chain } = await liquidateByHand(17_900_000_000n);
    expect(model).to.not.be.instanceOf(Error);
    const result = model as ReturnType<typeof executeLiquidationCall>;
    // Hand: seized 17,900 / 2,000 · 1.05 = 9.3975 WETH, of which the fee 0.04475 WETH goes to the treasury.
    expect(result.actualCollateralToLiquidate).to.equal(9_352_750_000_000_000_000n);
    expect(result.liquidationProtocolFeeAmount).to.equal(44_750_000_000_000_000n);
    expect(chain).to.deep.equal(result.position);
  });
});
