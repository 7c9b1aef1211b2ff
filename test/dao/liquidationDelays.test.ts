import { expect } from "chai";
import { type Address, encodeFunctionData, parseAbi } from "viem";
import { loadCometArtifact } from "../../src/build/compileComet.js";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import { sendBlock } from "../../src/chain/sendBlock.js";
import { writeContract } from "../../src/chain/writeContract.js";
import { TransactionRevertedError } from "../../src/errors/TransactionRevertedError.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { AAVE_V36_ARTIFACTS } from "../../src/protocols/artifactIds.js";
import { setFeedAnswer } from "../../src/protocols/oracle/setFeedAnswer.js";
import { mintTestToken } from "../../src/protocols/tokens/mintTestToken.js";
import { useReplica } from "../../src/testing/replicaFixture.js";
import { skipWithoutComet } from "../helpers/skipWithoutComet.js";

const CONFIGURATOR = parseAbi(["function setReservePause(address asset, bool paused, uint40 gracePeriod)"]);
const POOL = parseAbi(["function getLiquidationGracePeriod(address asset) view returns (uint40)"]);
const PAUSE = parseAbi([
  "function pause(bool supplyPaused, bool transferPaused, bool withdrawPaused, bool absorbPaused, bool buyPaused)",
  "function isAbsorbPaused() view returns (bool)",
]);

// The DAO's liquidation delay rests on Aave's own rule (v3.1+, ValidationLogic.validateLiquidationCall):
// a liquidation reverts LiquidationGraceSentinelCheckFailed unless both reserves' liquidationGracePeriodUntil
// < block.timestamp. The model holds liquidations while now ≤ until; this is that rule on the real contracts.
describe("the DAO's liquidation delays on the real contracts (issue 19)", function () {
  this.timeout(180_000);

  it("behavior: setReservePause(WETH, false, 600) sets until = its block's timestamp + 600; a liquidation reverts at until and goes through at until + 1", async () => {
    const fixture = await useReplica("anvil");
    await fixture.reset();
    const { chain, replica } = fixture;
    const market = replica.state.markets.find((m) => m.id === "aave") as AaveMarketModel;
    const aave = replica.book.aave.aave!;
    const weth = replica.book.tokens.WETH!.address;
    const usdc = replica.book.tokens.USDC!.address;
    const user = replica.book.borrowers.aave![market.positions.findIndex((p) => p.id === "probe-dust")]!;
    // 10 WETH at $2,000 against 19,500 USDC: health factor 0.846, liquidatable.
    await setFeedAnswer(chain, {
      from: replica.book.roles.deployer,
      feed: replica.book.feeds.WETH!,
      answer: 200_000_000_000n,
    });
    const receipt = await writeContract(chain, {
      from: aave.poolAdmin,
      address: aave.poolConfigurator,
      abi: CONFIGURATOR,
      functionName: "setReservePause",
      args: [weth, false, 600],
    });
    const at = (await chain.client.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
    const until = await chain.client.readContract({
      address: aave.pool,
      abi: POOL,
      functionName: "getLiquidationGracePeriod",
      args: [weth],
    });
    expect(BigInt(until)).to.equal(at + 600n);

    const liquidator = replica.book.roles.liquidators[0]! as Address;
    await mintTestToken(chain, { token: usdc, to: liquidator, amount: 5_000_000_000n, spender: aave.pool });
    const liquidate = async (timestamp: bigint) => {
      await chain.client.setNextBlockTimestamp({ timestamp });
      return writeContract(chain, {
        from: liquidator,
        address: aave.pool,
        abi: loadArtifact(AAVE_V36_ARTIFACTS.pool).abi,
        functionName: "liquidationCall",
        args: [weth, usdc, user, 5_000_000_000n, false],
      } as Parameters<typeof writeContract>[1]).then(
        (r) => r.status,
        (e: unknown) => e,
      );
    };
    const atUntil = await liquidate(at + 600n);
    expect(atUntil).to.be.instanceOf(TransactionRevertedError);
    expect((atUntil as TransactionRevertedError).reason).to.equal("LiquidationGraceSentinelCheckFailed");
    expect(await liquidate(at + 601n)).to.equal("success");
  });

  it("behavior: Comet's governor pauses absorb: an absorb of a liquidatable account reverts while absorb is paused and goes through once the pause is lifted", async function () {
    await skipWithoutComet(this);
    const fixture = await useReplica("anvil");
    await fixture.reset();
    const { chain, replica } = fixture;
    const c = replica.book.compound!["compound-usdc"]!;
    const probe = replica.book.borrowers["compound-usdc"]![0]!;
    // comet-probe: 1 WETH against 1,700 USDC; at $1,800, 0.9 · 1,800 = 1,620 < 1,700: liquidatable.
    await setFeedAnswer(chain, {
      from: replica.book.roles.deployer,
      feed: replica.book.feeds.WETH!,
      answer: 180_000_000_000n,
    });
    const abi = loadCometArtifact("Comet").abi;
    const send = async (from: Address, data: `0x${string}`) => {
      const latest = (await chain.client.getBlock()).timestamp;
      const [r] = await sendBlock(chain, {
        timestamp: latest + 1n,
        transactions: [{ from, to: c.comet, data, gas: 3_000_000n }],
      });
      return r!;
    };
    const pause = (absorbPaused: boolean) =>
      send(
        c.governor,
        encodeFunctionData({
          abi: PAUSE,
          functionName: "pause",
          args: [false, false, false, absorbPaused, false],
        }),
      );
    const absorb = () =>
      send(
        replica.book.roles.liquidators[0]!,
        encodeFunctionData({
          abi,
          functionName: "absorb",
          args: [replica.book.roles.liquidators[0]!, [probe]],
        }),
      );
    expect((await pause(true)).status).to.equal("success");
    expect(
      await chain.client.readContract({ address: c.comet, abi: PAUSE, functionName: "isAbsorbPaused" }),
    ).to.equal(true);
    expect((await absorb()).status).to.equal("reverted");
    expect((await pause(false)).status).to.equal("success");
    expect((await absorb()).status).to.equal("success");
  });
});
