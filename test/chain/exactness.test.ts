import { expect } from "chai";
import type { Address } from "viem";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { TransactionRevertedError } from "../../src/errors/TransactionRevertedError.js";
import { swap } from "../../src/model/amm/v3/swap.js";
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from "../../src/model/amm/v3/TickMath.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { MAX_UINT256 } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { executeLiquidationCall } from "../../src/model/lending/aave/executeLiquidationCall.js";
import { createRng } from "../../src/model/random/createRng.js";
import { liquidateOnAave } from "../../src/protocols/aave/liquidateOnAave.js";
import { readAaveMarket } from "../../src/protocols/aave/readAaveMarket.js";
import { setFeedAnswer } from "../../src/protocols/oracle/setFeedAnswer.js";
import { readUniswapV3Pool } from "../../src/protocols/uniswap/readUniswapV3Pool.js";
import { swapOnPool } from "../../src/protocols/uniswap/swapOnPool.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

const erc20 = [
  {
    type: "function",
    name: "balanceOf",
    stateMutability: "view",
    inputs: [{ type: "address" }],
    outputs: [{ type: "uint256" }],
  },
] as const;

for (const backend of ["anvil", "edr"] as const) {
  describe(`exactness: model vs real contracts (${backend})`, function () {
    this.timeout(180_000);

    for (const poolId of ["weth-usdc-30", "weth-usdc-5"]) {
      it(`behavior: 80 random swaps on ${poolId} (exact in/out, both ways, with and without price limits, crossing ticks) agree to the wei`, async () => {
        const fixture = await useReplica(backend);
        await fixture.reset();
        const { chain, replica } = fixture;
        const address = replica.book.uniswapV3.pools[poolId]!.address;
        const lens = replica.book.harness.uniswapLens;
        let model = (await readUniswapV3Pool(chain, { lens, pool: address })).state;
        const rng = createRng(poolId === "weth-usdc-30" ? 7 : 11);
        const trader = replica.book.roles.trader;
        const weth = replica.state.pools.find((p) => p.id === poolId)!.underlyingIsToken0 ? 0 : 1;
        let reverts = 0;
        let crossings = 0;
        for (let i = 0; i < 80; i++) {
          const zeroForOne = rng.next() < 0.5;
          const exactIn = rng.next() < 0.6;
          // Log-uniform size from 0.001 WETH-equivalent (≈ $3) to 2,000 (thin pool) or 20,000 (deep pool).
          const wethAmount = 10 ** (-3 + rng.next() * (poolId === "weth-usdc-30" ? 6.3 : 7.3));
          const inWeth = ((zeroForOne ? 0 : 1) === weth) === exactIn;
          const amount = inWeth
            ? BigInt(Math.floor(wethAmount * 1e18))
            : BigInt(Math.floor(wethAmount * 3000 * 1e6));
          const withLimit = rng.next() < 0.3;
          const limitTicks = Math.floor(rng.next() * 4000) - 500; // sometimes on the wrong side: 'SPL'
          const sqrtPriceLimitX96 = withLimit
            ? getSqrtRatioAtTick(
                Math.max(MIN_TICK, Math.min(MAX_TICK, model.tick + (zeroForOne ? -limitTicks : limitTicks))),
              )
            : zeroForOne
              ? 4295128740n
              : 1461446703485210103287273052203988822378723970341n;
          const amountSpecified = exactIn ? amount : -amount;
          let expected: ReturnType<typeof swap> | undefined;
          try {
            expected = swap(model, { zeroForOne, amountSpecified, sqrtPriceLimitX96 });
          } catch (error) {
            expect(error).to.be.instanceOf(MathRevertError);
          }
          try {
            const got = await swapOnPool(chain, {
              from: trader,
              swapper: replica.book.harness.swapper,
              pool: address,
              zeroForOne,
              amountSpecified,
              sqrtPriceLimitX96,
            });
            expect(expected, `swap ${i}: the chain swapped where the model reverted`).to.not.equal(undefined);
            expect(
              [got.amount0, got.amount1, got.sqrtPriceX96, got.liquidity, got.tick],
              `swap ${i}`,
            ).to.deep.equal([
              expected!.amount0,
              expected!.amount1,
              expected!.pool.sqrtPriceX96,
              expected!.pool.liquidity,
              expected!.pool.tick,
            ]);
            crossings += expected!.ticksCrossed;
            model = expected!.pool;
          } catch (error) {
            if (!(error instanceof TransactionRevertedError)) throw error;
            expect(
              expected,
              `swap ${i}: the chain reverted (${error.reason}) where the model did not`,
            ).to.equal(undefined);
            reverts++;
          }
        }
        expect(crossings, "the swaps crossed initialised ticks").to.be.greaterThan(0);
        expect(reverts, "some limits were on the wrong side").to.be.greaterThan(0);
        expect((await readUniswapV3Pool(chain, { lens, pool: address })).state).to.deep.equal(model);
      });
    }

    // Probe: 10 WETH against 24,000 USDC, LT 82.5%, bonus 5%, protocol fee 10% of the bonus.
    // Health factor h ⇒ WETH price p = h · 24,000 / (10 · 0.825). Hand-computed expectations:
    //  h > 0.95: close factor 50% ⇒ 12,000 USDC repaid;
    //  h ≤ 0.95: 100% ⇒ all 24,000 repaid while 25,200/p ≤ 10 WETH, i.e. p ≥ 2,520 (h ≥ 0.86625);
    //  below that every WETH is seized and 10·p/1.05 USDC repaid (v3.6 burns the rest into the deficit).
    const cases: { hf: number; repaidUsdc: (p: number) => number; allCollateral: boolean }[] = [
      { hf: 0.99, repaidUsdc: () => 12_000, allCollateral: false },
      { hf: 0.9501, repaidUsdc: () => 12_000, allCollateral: false },
      { hf: 0.9499, repaidUsdc: () => 24_000, allCollateral: false },
      { hf: 0.9, repaidUsdc: () => 24_000, allCollateral: false },
      { hf: 0.8, repaidUsdc: (p) => (10 * p) / 1.05, allCollateral: true },
      { hf: 0.45, repaidUsdc: (p) => (10 * p) / 1.05, allCollateral: true },
    ];
    /** Sets the WETH feed, liquidates `probe` through CascadeLiquidator, and predicts every number with the model. */
    async function liquidateProbe(probe: string, collateral: string, debt: string, wethPriceE8: bigint) {
      const fixture = await useReplica(backend);
      await fixture.reset();
      const { chain, replica } = fixture;
      const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
      const user = replica.book.borrowers.aave![market.positions.findIndex((p) => p.id === probe)]!;
      const aave = replica.book.aave.aave!;
      await setFeedAnswer(chain, {
        from: replica.book.roles.deployer,
        feed: replica.book.feeds.WETH!,
        answer: wethPriceE8,
      });
      const assets = market.reserves.map((r) => ({
        symbol: r.symbol,
        asset: replica.book.tokens[r.symbol]!.address,
      }));
      const readProbe = () =>
        readAaveMarket(chain, {
          lens: replica.book.harness.aaveLens,
          pool: aave.pool,
          assets,
          users: [{ id: probe, address: user }],
        });
      const before = await readProbe();
      const ci = market.reserves.findIndex((r) => r.symbol === collateral);
      const di = market.reserves.findIndex((r) => r.symbol === debt);
      const expected = executeLiquidationCall({
        profile: market.profile,
        reserves: before.reserves,
        prices: before.pricesE8,
        position: before.positions[0]!,
        collateralIndex: ci,
        debtIndex: di,
        debtToCover: MAX_UINT256,
      });
      const poolId = fixture.scenario.liquidators.pool;
      const poolAddress = replica.book.uniswapV3.pools[poolId]!.address;
      const poolBefore = (
        await readUniswapV3Pool(chain, { lens: replica.book.harness.uniswapLens, pool: poolAddress })
      ).state;
      const collateralIsToken0 =
        BigInt(replica.book.tokens[collateral]!.address) < BigInt(replica.book.tokens[debt]!.address);
      const sameAsset = collateral === debt;
      const sale = sameAsset
        ? undefined
        : swap(poolBefore, {
            zeroForOne: collateralIsToken0,
            amountSpecified: expected.actualCollateralToLiquidate,
          });
      const aToken = aave.reserves[collateral]!.aToken;
      const treasuryBefore = await chain.client.readContract({
        address: aToken,
        abi: erc20,
        functionName: "balanceOf",
        args: [aave.treasury],
      });
      const got = await liquidateOnAave(chain, {
        from: replica.book.roles.liquidators[0]!,
        liquidator: aave.liquidator,
        pool: aave.pool,
        treasury: aave.treasury,
        collateral: replica.book.tokens[collateral]!.address,
        debt: replica.book.tokens[debt]!.address,
        user,
        flashAmount: before.positions[0]!.scaledDebt[di]!,
        uniswapPool: poolAddress,
      });
      const treasuryAfter = await chain.client.readContract({
        address: aToken,
        abi: erc20,
        functionName: "balanceOf",
        args: [aave.treasury],
      });
      const after = await readProbe();
      expect(got.debtRepaid).to.equal(expected.actualDebtToLiquidate);
      expect(got.collateralSeized).to.equal(expected.actualCollateralToLiquidate);
      expect(treasuryAfter - treasuryBefore).to.equal(expected.liquidationProtocolFeeAmount);
      expect(got.protocolFee).to.equal(expected.liquidationProtocolFeeAmount);
      expect(got.saleProceeds).to.equal(
        sale ? -(collateralIsToken0 ? sale.amount1 : sale.amount0) : expected.actualCollateralToLiquidate,
      );
      expect(after.positions[0]).to.deep.equal(expected.position);
      return { got, after: after.positions[0]!, ci };
    }

    for (const c of cases) {
      it(`behavior: liquidationCall at HF ${c.hf} (${c.allCollateral ? "all collateral" : c.hf > 0.95 ? "close factor 50%" : "close factor 100%"}) — debt, collateral, protocol fee, sale and position to the wei`, async () => {
        const priceE8 = BigInt(Math.floor(((c.hf * 24_000) / 8.25) * 1e8));
        const { got, after, ci } = await liquidateProbe("probe-weth", "WETH", "USDC", priceE8);
        // Independent hand computation of the branch (to a micro-USDC of rounding).
        expect(Number(got.debtRepaid) / 1e6).to.be.closeTo(c.repaidUsdc(Number(priceE8) / 1e8), 1e-5);
        if (c.allCollateral) {
          expect(after.scaledCollateral[ci]).to.equal(0n);
          // v3.6: no debt is left on the user; the rest of the 24,000 USDC is the reserve's deficit.
          expect(after.scaledDebt[1 - ci]).to.equal(0n);
        } else expect(after.scaledCollateral[ci]! > 0n).to.equal(true);
      });
    }

    it("behavior: the other way round (USDC collateral, WETH debt: 6 vs 18 decimals) agrees to the wei", async () => {
      // 50,000 USDC at LT 78% against 12 WETH: HF 0.9 at p = 39,000 / (12 · 0.9) = 3,611.11.
      const { got } = await liquidateProbe("probe-usdc", "USDC", "WETH", 361_111_111_111n);
      expect(Number(got.debtRepaid) / 1e18).to.be.closeTo(12, 1e-12); // HF ≤ 0.95: the whole debt
    });

    it("behavior: a user with two collaterals, liquidated on one of them, agrees to the wei", async () => {
      // 5 WETH + 10,000 USDC against 16,000 USDC: at p = 2,000, HF = (8,250 + 7,800) / 16,000 = 1.003; at 1,900, 0.977.
      const { got } = await liquidateProbe("probe-both", "WETH", "USDC", 190_000_000_000n);
      expect(Number(got.debtRepaid) / 1e6).to.be.closeTo(8_000, 1e-6); // HF > 0.95: half the USDC debt
    });

    it("behavior: collateral and debt in the same asset (USDC for USDC): no sale, still exact", async () => {
      // probe-both at p = 1,900 (HF 0.977): USDC is its largest collateral; half the 16,000 USDC debt is repaid
      // and 8,000 × 1.045 = 8,360 USDC seized, of which the treasury keeps 10% of the bonus (36 USDC).
      const { got } = await liquidateProbe("probe-both", "USDC", "USDC", 190_000_000_000n);
      expect(got.debtRepaid).to.equal(8_000_000_000n);
      expect(got.collateralSeized).to.equal(8_324_000_000n);
    });

    it("error: TransactionRevertedError HealthFactorNotBelowThreshold (v3.6's custom error) when the user is healthy", async () => {
      const fixture = await useReplica(backend);
      await fixture.reset();
      const { chain, replica } = fixture;
      const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
      const user = replica.book.borrowers.aave![
        market.positions.findIndex((p) => p.id === "probe-weth")
      ]! as Address;
      const call = liquidateOnAave(chain, {
        from: replica.book.roles.liquidators[0]!,
        liquidator: replica.book.aave.aave!.liquidator,
        pool: replica.book.aave.aave!.pool,
        treasury: replica.book.aave.aave!.treasury,
        collateral: replica.book.tokens.WETH!.address,
        debt: replica.book.tokens.USDC!.address,
        user,
        flashAmount: 24_000_000_000n,
        uniswapPool: replica.book.uniswapV3.pools["weth-usdc-5"]!.address,
      });
      await call.then(
        () => expect.fail("liquidated a healthy user"),
        (error) => {
          expect(error).to.be.instanceOf(TransactionRevertedError);
          expect((error as TransactionRevertedError).reason).to.equal("HealthFactorNotBelowThreshold");
        },
      );
    });
  });
}
