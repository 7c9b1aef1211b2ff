import { expect } from "chai";
import { type Address, parseAbi } from "viem";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import { writeContract } from "../../src/chain/writeContract.js";
import { TransactionRevertedError } from "../../src/errors/TransactionRevertedError.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { AAVE_V36_ARTIFACTS } from "../../src/protocols/artifactIds.js";
import { setFeedAnswer } from "../../src/protocols/oracle/setFeedAnswer.js";
import { mintTestToken } from "../../src/protocols/tokens/mintTestToken.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

const CONFIGURATOR = parseAbi(["function setReservePause(address asset, bool paused, uint40 gracePeriod)"]);
const POOL = parseAbi(["function getLiquidationGracePeriod(address asset) view returns (uint40)"]);

// The DAO's liquidation delay rests on Aave's own rule (v3.1+, ValidationLogic.validateLiquidationCall):
// a liquidation reverts LiquidationGraceSentinelCheckFailed unless both reserves' liquidationGracePeriodUntil
// < block.timestamp. The model holds liquidations while now ≤ until; this is that rule on the real contracts.
describe("Aave's liquidation grace period on the replica, the DAO's mandate (issue 19)", function () {
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
});
