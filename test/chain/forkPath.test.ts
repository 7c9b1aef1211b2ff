import { expect } from "chai";
import { parseAbi } from "viem";
import { deployContract } from "../../src/chain/deployContract.js";
import { loadArtifact } from "../../src/chain/loadArtifact.js";
import { withRetry } from "../../src/chain/withRetry.js";
import { DeploymentError } from "../../src/errors/DeploymentError.js";
import { RpcError } from "../../src/errors/RpcError.js";
import { detectAaveProfile } from "../../src/protocols/aave/detectAaveProfile.js";
import { discoverAaveBorrowers } from "../../src/protocols/aave/discoverAaveBorrowers.js";
import { pointAaveOracleAt } from "../../src/protocols/aave/pointAaveOracleAt.js";
import { ARTIFACTS } from "../../src/protocols/artifactIds.js";
import { installSettableFeed } from "../../src/protocols/oracle/installSettableFeed.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

// The parts of fork mode that act on protocols, exercised on the replica's real Aave V3 bytecode.
describe("fork-path actions on the replica", function () {
  this.timeout(120_000);
  const oracleAbi = () => loadArtifact(ARTIFACTS.aaveOracle).abi;
  const feedAbi = parseAbi([
    "function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)",
    "function decimals() view returns (uint8)",
    "function setAnswer(int256)",
  ]);

  it("default: a feed replaced in place answers our rounds, and AaveOracle (which reads it) prices with them", async () => {
    const { chain, replica, reset } = await useReplica("anvil");
    await reset();
    const aave = replica.book.aave.aave!;
    const weth = replica.book.tokens.WETH!.address;
    const feed = replica.book.feeds.WETH!;
    await installSettableFeed(chain, {
      feed,
      decimals: 8,
      answer: 123_456_789_012n,
      updatedAt: 1_700_000_000n,
    });
    const [roundId, answer, , updatedAt] = await chain.client.readContract({
      address: feed,
      abi: feedAbi,
      functionName: "latestRoundData",
    });
    expect([roundId, answer, updatedAt]).to.deep.equal([1n, 123_456_789_012n, 1_700_000_000n]);
    expect(
      await chain.client.readContract({ address: feed, abi: feedAbi, functionName: "decimals" }),
    ).to.equal(8);
    const price = await chain.client.readContract({
      address: aave.oracle,
      abi: oracleAbi(),
      functionName: "getAssetPrice",
      args: [weth],
    });
    expect(price).to.equal(123_456_789_012n);
    // A code-less address becomes a feed too (a fixed feed address on a fork).
    const blank = "0x00000000000000000000000000000000000d1c00" as const;
    await installSettableFeed(chain, { feed: blank, decimals: 8, answer: 99n, updatedAt: 1n });
    const blankRound = await chain.client.readContract({
      address: blank,
      abi: feedAbi,
      functionName: "latestRoundData",
    });
    expect(blankRound[1]).to.equal(99n);
    await reset();
  });

  it("behavior: setAssetSources as the impersonated pool admin points Aave at our aggregator", async () => {
    const { chain, replica, reset } = await useReplica("anvil");
    await reset();
    const aave = replica.book.aave.aave!;
    const weth = replica.book.tokens.WETH!.address;
    const ours = await deployContract(chain, {
      from: chain.accounts[1]!,
      artifact: "oracle/SettableAggregator",
      args: [8, 2_500_00000000n],
    });
    await pointAaveOracleAt(chain, {
      oracle: aave.oracle,
      poolAdmin: aave.poolAdmin,
      sources: [{ asset: weth, feed: ours }],
    });
    const read = (functionName: "getAssetPrice" | "getSourceOfAsset") =>
      chain.client.readContract({ address: aave.oracle, abi: oracleAbi(), functionName, args: [weth] });
    expect(await read("getSourceOfAsset")).to.equal(ours);
    expect(await read("getAssetPrice")).to.equal(2_500_00000000n);
    await reset();
  });

  it("behavior: the Aave version profile is read off POOL_REVISION (10 = v3.6 here); another revision is refused, naming it", async () => {
    const { chain, replica, reset } = await useReplica("anvil");
    await reset();
    expect(await detectAaveProfile(chain, { pool: replica.book.aave.aave!.pool })).to.equal("v3.6");
    // Runtime code that returns 32 zero bytes for any call: a Pool of revision 0, which the model does not mirror.
    const stub = "0x00000000000000000000000000000000000d3c33" as const;
    await chain.client.setCode({ address: stub, bytecode: "0x60206000f3" });
    const error = await detectAaveProfile(chain, { pool: stub }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DeploymentError);
    expect((error as Error).message).to.match(
      /POOL_REVISION 0, whose liquidation rules the model does not mirror/,
    );
    await reset();
  });

  it("behavior: borrowers are discovered from the Pool's Borrow events in chunks, each once", async () => {
    const { chain, replica } = await useReplica("anvil");
    const latest = await chain.client.getBlockNumber();
    const progress: bigint[] = [];
    const found = await discoverAaveBorrowers(chain, {
      pool: replica.book.aave.aave!.pool,
      fromBlock: 0n,
      toBlock: latest,
      chunkBlocks: 7n,
      onProgress: (done) => progress.push(done),
    });
    const seeded = replica.book.borrowers.aave!.map((a) => a.toLowerCase());
    expect(found.map((a) => a.toLowerCase()).sort()).to.deep.equal([...seeded].sort());
    expect(progress.length).to.equal(Math.ceil(Number(latest + 1n) / 7));
    expect(progress.at(-1)).to.equal(latest + 1n);
  });

  it("error: RPC reads are retried with backoff on rate limits, not on other errors", async () => {
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
    };
    let calls = 0;
    const flaky = () =>
      ++calls < 3 ? Promise.reject(new Error("HTTP 429 Too Many Requests")) : Promise.resolve("ok");
    expect(await withRetry("read", flaky, { sleep })).to.equal("ok");
    expect([calls, sleeps]).to.deep.equal([3, [250, 500]]);
    calls = 0;
    const broken = () => {
      calls++;
      return Promise.reject(new Error("execution reverted"));
    };
    await withRetry("read", broken, { sleep }).then(
      () => expect.fail("should throw"),
      (e) => expect((e as Error).message).to.equal("execution reverted"),
    );
    expect(calls).to.equal(1);
    const limited = () => Promise.reject(new Error("rate limit exceeded"));
    await withRetry("eth_getLogs 1–2", limited, { sleep, attempts: 4 }).then(
      () => expect.fail("should throw"),
      (e) => {
        expect(e).to.be.instanceOf(RpcError);
        expect((e as Error).message).to.contain("eth_getLogs 1–2 failed 4 times");
      },
    );
  });
});
