import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { assertDevNode } from "../../src/chain/assertDevNode.js";
import { createChain } from "../../src/chain/createChain.js";
import { redactUrl } from "../../src/chain/redactUrl.js";
import { startAnvil } from "../../src/chain/startAnvil.js";
import { ChainStartError } from "../../src/errors/ChainStartError.js";
import { NotADevNodeError } from "../../src/errors/NotADevNodeError.js";
import { isAlive } from "../../src/testing/isAlive.js";

/** A JSON-RPC endpoint that behaves like a live network's: it knows eth_* methods and nothing else. */
async function liveLikeNode(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const { id, method } = JSON.parse(body);
      const reply =
        method === "eth_chainId"
          ? { jsonrpc: "2.0", id, result: "0x1" }
          : {
              jsonrpc: "2.0",
              id,
              error: { code: -32601, message: `the method ${method} does not exist/is not available` },
            };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, server };
}

describe("createChain", () => {
  for (const backend of ["anvil", "edr"] as const) {
    it(`default: ${backend} starts, is proven a local dev node, and stops`, async () => {
      const chain = await createChain({ backend });
      try {
        expect(chain.devNode.kind).to.equal(backend === "anvil" ? "anvil" : "hardhat");
        expect(chain.devNode.forked).to.equal(false);
        expect(chain.chainId).to.equal(31337);
        expect(chain.accounts.length).to.be.greaterThanOrEqual(10);
        const block = await chain.client.getBlock();
        expect(block.timestamp).to.equal(1_700_000_000n);
      } finally {
        await chain.stop();
      }
      if (chain.pid !== undefined) expect(isAlive(chain.pid)).to.equal(false);
      for (const pid of chain.pids) expect(isAlive(pid), `process ${pid}`).to.equal(false);
      // A local anvil is two processes of ours (the node and the empty anvil it forks); EDR is in-process.
      expect(chain.pids).to.have.length(backend === "anvil" ? 2 : 0);
    });
  }

  it("behavior: a local anvil forks an empty anvil of ours, so its blocks skip the state root (zero) — with stateRoots one plain node computes it; the same transactions give the same receipts and state on both", async () => {
    const run = async (stateRoots: boolean) => {
      const chain = await createChain({ backend: "anvil", stateRoots });
      try {
        const [from, to] = chain.accounts as [`0x${string}`, `0x${string}`];
        const ask = chain.request as (a: { method: string; params: unknown[] }) => Promise<unknown>;
        // A contract creation (runtime code 0x602a60005260206000f3: returns 42) and a plain transfer.
        // eth_sendTransactionSync: back once mined (a plain send's receipt may lag the hash under load).
        const create = (
          (await ask({
            method: "eth_sendTransactionSync",
            params: [{ from, data: "0x69602a60005260206000f3600052600a6016f3", gas: "0x30000" }],
          })) as { transactionHash: `0x${string}` }
        ).transactionHash;
        const transfer = (
          (await ask({
            method: "eth_sendTransactionSync",
            params: [{ from, to, value: "0xde0b6b3a7640000", gas: "0x5208" }],
          })) as { transactionHash: `0x${string}` }
        ).transactionHash;
        const created = await chain.client.getTransactionReceipt({ hash: create });
        const sent = await chain.client.getTransactionReceipt({ hash: transfer });
        const code = await chain.client.getCode({ address: created.contractAddress! });
        const block = await chain.client.getBlock();
        return {
          devNode: chain.devNode,
          processes: chain.pids.length,
          stateRoot: block.stateRoot,
          gas: [created.gasUsed, sent.gasUsed],
          contract: created.contractAddress,
          code,
          balance: await chain.client.getBalance({ address: to }),
        };
      } finally {
        await chain.stop();
      }
    };
    const fast = await run(false);
    const plain = await run(true);
    expect(fast.stateRoot).to.equal(`0x${"0".repeat(64)}`);
    expect(plain.stateRoot).to.not.equal(`0x${"0".repeat(64)}`);
    expect([fast.processes, plain.processes]).to.deep.equal([2, 1]);
    // Proven a dev node and, for the replica, an empty local chain (not a fork of anything real).
    expect(fast.devNode).to.deep.equal({ kind: "anvil", forked: false, forkBlockNumber: undefined });
    // 21,000 for the transfer (the yellow paper's G_transaction); the creation's gas, address and code alike.
    expect(fast.gas[1]).to.equal(21_000n);
    expect(fast.gas).to.deep.equal(plain.gas);
    expect(fast.contract).to.equal(plain.contract);
    expect(fast.code).to.equal("0x602a60005260206000f3");
    expect(plain.code).to.equal(fast.code);
    expect(fast.balance).to.equal(plain.balance);
    expect(fast.balance).to.equal(10_001n * 10n ** 18n);
  });

  it("behavior: with pastStates 1 the newest block's transactions can still be traced, calls at the newest state work and calls at older blocks fail (anvil keeps no older state)", async () => {
    const chain = await createChain({ backend: "anvil", pastStates: 1 });
    try {
      const [from, to] = chain.accounts as [`0x${string}`, `0x${string}`];
      const ask = chain.request as (a: { method: string; params: unknown[] }) => Promise<unknown>;
      const send = async () =>
        (
          (await ask({
            method: "eth_sendTransactionSync",
            params: [{ from, to, value: "0x1", gas: "0x5208" }],
          })) as { transactionHash: `0x${string}` }
        ).transactionHash;
      const first = await send();
      const firstBlock = await chain.client.getBlockNumber();
      for (let i = 0; i < 3; i++) await send();
      const newest = await send();
      const trace = (await ask({
        method: "debug_traceTransaction",
        params: [newest, { tracer: "callTracer" }],
      })) as { gasUsed: string };
      expect(BigInt(trace.gasUsed)).to.equal(21_000n);
      // Five transfers of 1 wei: the newest state has all of them.
      expect(await chain.client.getBalance({ address: to })).to.equal(10_000n * 10n ** 18n + 5n);
      let old: unknown;
      try {
        await chain.client.getBalance({ address: to, blockNumber: firstBlock });
      } catch (error) {
        old = error;
      }
      expect(old, "a call at a pruned block").to.be.instanceOf(Error);
      let oldTrace: unknown;
      try {
        await ask({ method: "debug_traceTransaction", params: [first, { tracer: "callTracer" }] });
      } catch (error) {
        oldTrace = error;
      }
      expect(oldTrace, "a trace of a pruned block's transaction").to.be.instanceOf(Error);
    } finally {
      await chain.stop();
    }
  });

  it("behavior: anvil is gone after stop(), even when the test body throws", async () => {
    let pid = -1;
    try {
      const anvil = await startAnvil();
      pid = anvil.pid;
      try {
        throw new Error("a failing test");
      } finally {
        await anvil.stop();
      }
    } catch (error) {
      expect((error as Error).message).to.equal("a failing test");
    }
    expect(pid).to.be.greaterThan(0);
    expect(isAlive(pid)).to.equal(false);
  });

  it("behavior: a state anvil dumps on stop loads into a new anvil; with mining off, blocks come only from evm_mine", async () => {
    const rpc = async (url: string, method: string, params: unknown[] = []) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      return ((await res.json()) as { result: unknown }).result;
    };
    const file = join(mkdtempSync(join(tmpdir(), "dlcm-state-")), "state.json");
    const who = "0x00000000000000000000000000000000000d1c4d";
    const slot = "0x0000000000000000000000000000000000000000000000000000000000000007";
    const value = "0x00000000000000000000000000000000000000000000000000000000deadbeef";
    const first = await startAnvil({ dumpState: file });
    try {
      await rpc(first.rpcUrl, "anvil_setCode", [who, "0x00"]);
      await rpc(first.rpcUrl, "anvil_setStorageAt", [who, slot, value]);
    } finally {
      await first.stop();
    }
    const second = await startAnvil({ loadState: file, noMining: true });
    try {
      expect(await rpc(second.rpcUrl, "eth_getStorageAt", [who, slot, "latest"])).to.equal(value);
      const before = await rpc(second.rpcUrl, "eth_blockNumber");
      const [from, to] = (await rpc(second.rpcUrl, "eth_accounts")) as string[];
      await rpc(second.rpcUrl, "eth_sendTransaction", [{ from, to, value: "0x1" }]);
      expect(await rpc(second.rpcUrl, "eth_blockNumber")).to.equal(before);
      await rpc(second.rpcUrl, "evm_mine");
      expect(BigInt((await rpc(second.rpcUrl, "eth_blockNumber")) as string)).to.equal(
        BigInt(before as string) + 1n,
      );
    } finally {
      await second.stop();
    }
  });

  it("error: ChainStartError with anvil's stderr, and the fork URL's key never printed", async () => {
    const url = "http://127.0.0.1:9/v2/SECRET-API-KEY";
    try {
      await startAnvil({ forkUrl: url, startTimeoutMs: 10_000 });
      expect.fail("anvil started against a dead endpoint");
    } catch (error) {
      expect(error).to.be.instanceOf(ChainStartError);
      const message = (error as Error).message;
      expect(message).to.contain("failed to get fork block number");
      expect(message).not.to.contain("SECRET-API-KEY");
    }
  });

  it("behavior: attach reaches a running node, proven a dev node, and stop() leaves that node running", async () => {
    const anvil = await startAnvil({});
    try {
      for (const url of [anvil.rpcUrl, anvil.wsUrl]) {
        const attached = await createChain({ backend: "anvil", attach: { url } });
        expect(attached.devNode.kind).to.equal("anvil");
        expect(attached.chainId).to.equal(31_337);
        expect(attached.pid).to.equal(undefined); // no process of ours
        await attached.stop();
        expect(isAlive(anvil.pid), url).to.equal(true);
      }
    } finally {
      await anvil.stop();
    }
  });

  it("error: attach refuses a node that answers like a live network (NotADevNodeError), before any edit", async () => {
    const { url, server } = await liveLikeNode();
    try {
      await createChain({ backend: "anvil", attach: { url } }).then(
        () => expect.fail("attached to a live-like node"),
        (error) => expect(error).to.be.instanceOf(NotADevNodeError),
      );
    } finally {
      server.close();
    }
  });

  it("error: NotADevNodeError for a node that answers like a live network", async () => {
    const { url, server } = await liveLikeNode();
    try {
      const request = async ({ method, params }: { method: string; params?: unknown }) => {
        const res = await fetch(url, {
          method: "POST",
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
        });
        const json = (await res.json()) as { result?: unknown; error?: { message: string } };
        if (json.error) throw new Error(json.error.message);
        return json.result;
      };
      await assertDevNode(request as never).then(
        () => expect.fail("accepted a live-like node"),
        (error) => expect(error).to.be.instanceOf(NotADevNodeError),
      );
    } finally {
      server.close();
    }
  });
});

describe("redactUrl", () => {
  it("default: keeps scheme and host, drops path, query and credentials", () => {
    expect(redactUrl("https://eth-mainnet.g.alchemy.com/v2/abc123")).to.equal(
      "https://eth-mainnet.g.alchemy.com/…",
    );
    expect(redactUrl("https://user:pw@node.example:8545")).to.equal("https://node.example:8545/…");
    expect(redactUrl("https://rpc.example/?apikey=x")).to.equal("https://rpc.example/…");
    expect(redactUrl("http://127.0.0.1:8545")).to.equal("http://127.0.0.1:8545");
  });
});
