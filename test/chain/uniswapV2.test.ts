import { expect } from "chai";
import fc from "fast-check";
import { createChain } from "../../src/chain/createChain.js";
import { DeploymentError } from "../../src/errors/DeploymentError.js";
import { MathRevertError } from "../../src/errors/MathRevertError.js";
import { TransactionRevertedError } from "../../src/errors/TransactionRevertedError.js";
import { openReplicaSession, type ReplicaSession } from "../../src/harness/openReplicaSession.js";
import { readCascadeState } from "../../src/harness/readCascadeState.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import { swapV2 } from "../../src/model/amm/v2/swapV2.js";
import type { V2PoolState } from "../../src/model/amm/v2/types.js";
import { swapOnV2Pair } from "../../src/protocols/uniswap/swapOnV2Pair.js";
import { testScenario } from "../../src/testing/testScenario.js";

// A V2 pair on the replica that is the reference pool (the shock moves it), the liquidators' venue and one
// market maker's hedging pool, next to the V3 pools the arbitrage aligns to it.
const withV2 = (feeBps = 30) =>
  testScenario((raw) => {
    raw.pools.push({ id: "weth-usdc-v2", kind: "uniswap-v2", reserveUsd: 20_000_000, feeBps });
    raw.referencePool = "weth-usdc-v2";
    raw.liquidators.pool = "weth-usdc-v2";
    raw.optionBooks[1].pool = "weth-usdc-v2";
  });

for (const backend of ["anvil", "edr"] as const) {
  describe(`Uniswap V2 on the replica (${backend})`, function () {
    this.timeout(300_000);
    let session: ReplicaSession;
    before(async () => {
      session = await openReplicaSession(await createChain({ backend }), withV2());
    });
    after(async () => {
      await session?.stop();
    });

    it("default: the pair from @uniswap/v2-core holds exactly the model's reserves ($20M a side at $3,000)", async () => {
      await session.reset();
      const model = session.replica.state.pools.find((p) => p.id === "weth-usdc-v2")!;
      const read = await readCascadeState(session.chain, { book: session.book, base: session.replica.state });
      const pair = read.pools.find((p) => p.id === "weth-usdc-v2")!;
      expect(pair.state).to.deep.equal(model.state);
      // Hand check: $20M of WETH at $3,000 is 6,666.67 WETH; $20M of USDC is 2e13 units.
      const s = pair.state as V2PoolState;
      const [weth, usdc] = pair.underlyingIsToken0 ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
      expect(usdc).to.equal(20_000_000_000_000n);
      expect(Number(weth) / 1e18).to.be.closeTo(6666.6667, 1e-3);
    });

    it("behavior: random exact-input swaps both ways, 1 wei to a third of the reserve, give the model's amounts and reserves", async () => {
      await session.reset();
      const address = session.book.uniswapV2!.pools["weth-usdc-v2"]!.address;
      let model = session.replica.state.pools.find((p) => p.id === "weth-usdc-v2")!.state as V2PoolState;
      const samples = fc.sample(
        fc.record({
          zeroForOne: fc.boolean(),
          exponent: fc.integer({ min: 0, max: 100 }),
          mantissa: fc.integer({ min: 1, max: 999 }),
        }),
        { numRuns: 40, seed: 5 },
      );
      let reverted = 0;
      for (const { zeroForOne, exponent, mantissa } of samples) {
        const reserveIn = zeroForOne ? model.reserve0 : model.reserve1;
        // From 1 wei up to a third of the input reserve, log-spaced.
        const amountIn =
          1n + (reserveIn * BigInt(mantissa) * 10n ** BigInt(exponent)) / (3_000n * 10n ** 100n);
        let expected: ReturnType<typeof swapV2> | undefined;
        try {
          expected = swapV2(model, { zeroForOne, amountIn });
        } catch (error) {
          expect(error).to.be.instanceOf(MathRevertError);
        }
        const call = swapOnV2Pair(session.chain, {
          from: session.book.roles.trader,
          swapper: session.book.harness.swapper,
          pair: address,
          zeroForOne,
          amountIn,
        });
        if (!expected) {
          // Too small to buy one unit: the pair reverts as the model said.
          await call.then(
            () => expect.fail(`${amountIn} in should revert`),
            (error) => expect(error).to.be.instanceOf(TransactionRevertedError),
          );
          reverted++;
          continue;
        }
        const got = await call;
        expect({ a0: got.amount0, a1: got.amount1, r0: got.reserve0, r1: got.reserve1 }).to.deep.equal({
          a0: expected.amount0,
          a1: expected.amount1,
          r0: expected.pool.reserve0,
          r1: expected.pool.reserve1,
        });
        model = expected.pool;
      }
      expect(reverted).to.be.greaterThan(0); // the 1-wei end was reached
      expect(reverted).to.be.lessThan(samples.length / 2);
    });

    it("behavior: a cascade with the pair as reference, liquidation venue and hedging pool: every transaction exact", async () => {
      const run = await runVariantOnChain(session, withV2());
      const chain = run.chain!;
      const { actions } = chain;
      expect(chain.error).to.equal(undefined);
      expect(actions.mismatched, JSON.stringify(chain.mismatches.slice(0, 2))).to.equal(0);
      expect(actions.exact).to.equal(actions.executed);
      const kinds = chain.rounds.flatMap((r) => r.transactions.map((t) => t.kind));
      expect(kinds.filter((k) => k === "swapV2:shock").length).to.be.greaterThan(0);
      expect(kinds.filter((k) => k === "swapV2:hedge").length).to.be.greaterThan(0);
      expect(kinds.filter((k) => k === "swap:arbitrage").length).to.be.greaterThan(0);
      expect(chain.totals.liquidations).to.be.greaterThan(5);
      expect(chain.totals.liquidations).to.equal(chain.totals.modelLiquidations); // Aave; Comet is model-only here
      // The chain's price is the pair's: it follows the model's block by block.
      for (const r of chain.rounds) expect(r.priceDiffBps).to.equal(0);
    });

    it("error: DeploymentError names a V2 pool whose fee is not the pair's 30 bps, before deploying", async () => {
      const chain = await createChain({ backend });
      try {
        await openReplicaSession(chain, withV2(25)).then(
          () => expect.fail("deployed a 25 bps V2 pool"),
          (error) => {
            expect(error).to.be.instanceOf(DeploymentError);
            expect((error as DeploymentError).shortMessage).to.match(/weth-usdc-v2 has feeBps 25.*30 bps/);
          },
        );
      } finally {
        await chain.stop();
      }
    });
  });
}
