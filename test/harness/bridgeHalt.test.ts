import { expect } from "chai";
import { type Address, BaseError, ContractFunctionRevertedError, parseAbi } from "viem";
import { sendTransaction } from "../../src/chain/sendTransaction.js";
import { writeContract } from "../../src/chain/writeContract.js";
import type { CascadeAction, CascadeState } from "../../src/model/cascade/types.js";
import { type ModelReport, runModel } from "../../src/model/runModel.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { createChainBridge } from "../../src/protocols/bridge/createChainBridge.js";
import { deployBridge } from "../../src/protocols/bridge/deployBridge.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";
import { onExactRun } from "../helpers/onExactRun.js";

const BRIDGE_ABI = parseAbi([
  "function halted() view returns (bool)",
  "function totalIn() view returns (uint256)",
  "function totalOut() view returns (uint256)",
  "function bridgeIn(address to, uint256 amount)",
  "function bridgeOut(uint256 amount)",
  "function halt()",
  "error BridgeHalted()",
  "error NotRelayer()",
  "error NotGuardian()",
]);
const ERC20_ABI = parseAbi([
  "function balanceOf(address) view returns (uint256)",
  "function transfer(address to, uint256 amount) returns (bool)",
  "function approve(address spender, uint256 amount) returns (bool)",
]);
const SWAPPER_ABI = parseAbi([
  "function swap(address pool, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, address recipient) returns (int256, int256)",
]);
const TOKEN_SUPPLY_ABI = parseAbi(["function totalSupply() view returns (uint256)"]);
const POOL_ABI = parseAbi([
  "function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)",
]);

/**
 * The shipped bridge scenario, or its control: the same world whose bridge never halts (no exit sale), its
 * borrowers' margin top-ups kept unless `topUps` is false.
 */
const scenarioOf = async (halts: boolean, topUps = true): Promise<Scenario> => {
  const s = structuredClone(await loadScenario("scenarios/bridge-halt.json"));
  const top = s.bridges[0]!.topUps;
  if (!halts) s.bridges = [{ asset: "wstETH", ...(top ? { topUps: top } : {}) }];
  if (!topUps) delete s.bridges[0]!.topUps;
  return s;
};
/** The model's actions over a run (from the scenario's state, or a chain's: its tokens' order sets the pools' rounding). */
const actionsOf = async (s: Scenario, start?: CascadeState) => {
  const { buildCascadeState } = await import("../../src/model/cascade/buildCascadeState.js");
  const { runCascade } = await import("../../src/model/cascade/runCascade.js");
  const { shockMultipliers } = await import("../../src/model/cascade/shockPath.js");
  const actions: CascadeAction[] = [];
  const result = runCascade(start ?? buildCascadeState(s), {
    shock: shockMultipliers(s.shock, s.blockTimeSeconds),
    maxBlocks: s.maxBlocks,
    seed: s.seed,
    onAction: (a) => actions.push(a),
  });
  return { actions, result };
};
const PEG = 1.21;
/** The wstETH/WETH pool's fee: 100 pips. */
const FEE = 1e-4;
const aaveLoss = (r: ModelReport) => r.totals.badDebtByProtocol.aave!.totalUsd;
const pegRatios = (r: ModelReport) => r.rounds.map((x) => x.pegPrices!.wstETH! / PEG);

/** The custom error a call reverts with (its name), or "succeeded". */
async function revertOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "succeeded";
  } catch (error) {
    const revert =
      error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
    return revert instanceof ContractFunctionRevertedError
      ? (revert.data?.errorName ?? revert.shortMessage)
      : String(error);
  }
}

// Issue 18's cross-chain atomic failure: a bridged asset whose bridge halts mid-crash.
describe("a bridge that halts mid-crash (issue 18)", function () {
  this.timeout(300_000);

  it("behavior: while the bridge runs its arbitrage ends every block with wstETH's pool within the pool's fee of the 1.21 peg; halted at block 20 the pool falls far below it, and Aave's loss is larger than the control's whose bridge never halts", async () => {
    const halted = runModel(await scenarioOf(true), { skipSsf: true });
    const control = runModel(await scenarioOf(false), { skipSsf: true });
    // The control: every block ends at the peg, within the fee band the arbitrage does not trade inside.
    for (const ratio of pegRatios(control)) expect(Math.abs(ratio - 1)).to.be.at.most(FEE + 1e-8);
    const c = control.bridges![0]!;
    expect(c.halted).to.equal(false);
    expect(c.arbitrages).to.be.greaterThan(20);
    // Below the peg only: the liquidations sell wstETH, the arbitrage buys it back and bridges it out.
    expect(BigInt(c.bridgedOut) > 0n).to.equal(true);
    expect(c.bridgedIn).to.equal("0");
    // Halted: at the peg up to block 19, then the liquidations' sales alone move the pool.
    const ratios = pegRatios(halted);
    for (const ratio of ratios.slice(0, 19)) expect(Math.abs(ratio - 1)).to.be.at.most(FEE + 1e-8);
    const h = halted.bridges![0]!;
    expect(h.halted).to.equal(true);
    expect(h.haltBlock).to.equal(20);
    expect(h.minPegRatioAfterHalt!).to.be.lessThan(0.85);
    expect(Math.min(...ratios)).to.be.closeTo(h.minPegRatio, 1e-9);
    expect(h.arbitragesBlocked).to.be.greaterThan(10);
    // The exit sale: all 300 wstETH, sold in blocks 20–29.
    expect(h.exitSold).to.equal(String(300n * 10n ** 18n));
    // The frozen supply: Aave's wstETH collateral at the halt, tens of times what the pool absorbs at 5%.
    const at = h.atHalt!;
    expect(at.collateralByMarket.aave!).to.be.greaterThan(10_000);
    expect(at.collateralOverLac5!).to.be.closeTo(at.collateralByMarket.aave! / at.lac5, 1e-9);
    expect(at.collateralOverLac5!).to.be.greaterThan(10);
    // The direction the seed says: the halt turns a covered crash into a loss past Aave's fund.
    expect(aaveLoss(control)).to.be.lessThan(0.1 * aaveLoss(halted));
    expect(halted.totals.badDebtByProtocol.aave!.exceedsInsuranceFund).to.equal(true);
    expect(control.totals.badDebtByProtocol.aave!.exceedsInsuranceFund).to.equal(false);
  });

  it("behavior: margin top-ups keep positions alive while the bridge runs (fewer wstETH positions liquidated than without them); from the halt block on every top-up fails — its bridgeIn marked as reverting, no supply after it — and each borrower tries once", async () => {
    const wstEthLiquidations = (r: ModelReport) => r.events.filter((e) => e.collateral === "wstETH").length;
    const running = runModel(await scenarioOf(false), { skipSsf: true });
    const bare = runModel(await scenarioOf(false, false), { skipSsf: true });
    const r = running.bridges![0]!.topUps!;
    expect(r.done).to.be.greaterThan(50);
    expect(r.failed).to.equal(0);
    expect(wstEthLiquidations(running)).to.be.lessThan(0.6 * wstEthLiquidations(bare));
    // Halted at block 20: top-ups before it go through, none after.
    const { actions, result } = await actionsOf(await scenarioOf(true));
    const h = result.bridges![0]!.topUps!;
    const ins = actions.filter(
      (a): a is Extract<CascadeAction, { kind: "bridge" }> => a.kind === "bridge" && a.topUp !== undefined,
    );
    const supplies = actions.filter((a) => a.kind === "supply");
    expect(h.done).to.be.greaterThan(10);
    expect(h.failed).to.be.greaterThan(10);
    expect(h.firstFailedBlock).to.equal(20);
    expect(supplies).to.have.length(h.done);
    for (const a of supplies) expect(a.block).to.be.lessThan(20);
    for (const a of ins) expect(a.reverts === "BridgeHalted").to.equal(a.block >= 20);
    const failed = ins.filter((a) => a.reverts).map((a) => a.topUp!.positionId);
    expect(new Set(failed).size).to.equal(failed.length);
    expect(failed).to.have.length(h.failed);
    // Each top-up's bridgeIn delivers exactly what its supply puts in, just before it.
    for (const a of supplies) {
      const i = actions.indexOf(a);
      const before = actions[i - 1] as Extract<CascadeAction, { kind: "bridge" }>;
      expect(before.kind).to.equal("bridge");
      expect(before.amount).to.equal(a.amount);
      expect(before.topUp!.positionId).to.equal(a.positionId);
    }
  });

  it("behavior: on chain every transaction is exact, bridge calls included (each checked from its BridgedOut / Halted event); at the end the bridge is halted with the model's bridged-out total in escrow, bridgeIn and bridgeOut revert BridgeHalted, while the token still transfers, swaps on its pool and is supplied to Aave; a running bridge's in releases its escrow before it mints", async () => {
    const scenario = await scenarioOf(true);
    await onExactRun(scenario, async ({ chain, session, run }) => {
      const kinds = run.chain!.rounds.flatMap((r) => r.transactions.map((t) => t.kind));
      expect(kinds.filter((k) => k === "bridge:halt")).to.have.length(1);
      expect(kinds.filter((k) => k === "bridge:out").length).to.equal(run.model!.bridges![0]!.arbitrages);
      expect(kinds.filter((k) => k === "swap:bridge-exit")).to.have.length(10);
      // The top-ups: each failed one's bridgeIn reverted on chain, each other's supply went through.
      const topUps = run.model!.bridges![0]!.topUps!;
      const reverted = run.chain!.rounds.flatMap((r) =>
        r.transactions.filter((t) => t.kind === "bridge:in" && t.status !== "success"),
      );
      expect(reverted).to.have.length(topUps.failed);
      expect(kinds.filter((k) => k === "supply")).to.have.length(topUps.done);
      // Aave's own health factor after the first top-up's block: what the top-up restored, 1.3 (a hair over:
      // the amount is rounded up).
      const first = run.chain!.rounds.find((r) => r.transactions.some((t) => t.kind === "supply"))!;
      const { actions } = await actionsOf(scenario, session.baseState(scenario));
      const topUp = actions.find((a) => a.kind === "supply" && a.block === first.block) as Extract<
        CascadeAction,
        { kind: "supply" }
      >;
      const [, , , , , healthFactor] = (await chain.client.readContract({
        address: session.book.aave.aave!.pool,
        abi: parseAbi([
          "function getUserAccountData(address) view returns (uint256, uint256, uint256, uint256, uint256, uint256)",
        ]),
        functionName: "getUserAccountData",
        args: [session.book.borrowers.aave![topUp.positionIndex]! as Address],
        blockNumber: BigInt(first.chainBlock),
      })) as readonly bigint[];
      expect(Number(healthFactor) / 1e18).to.be.within(1.3, 1.3 + 1e-6);

      const { book } = session;
      const bridge = book.bridges!.wstETH!;
      const token = book.tokens.wstETH!.address;
      const { trader, deployer, lp } = book.roles;
      const read = (functionName: "halted" | "totalIn" | "totalOut") =>
        chain.client.readContract({ address: bridge, abi: BRIDGE_ABI, functionName });
      expect(await read("halted")).to.equal(true);
      const out = BigInt(run.model!.bridges![0]!.bridgedOut);
      expect(await read("totalOut")).to.equal(out);
      // In: only the top-ups (the arbitrage only ever bridged out, below the peg).
      expect(run.model!.bridges![0]!.bridgedIn).to.equal("0");
      expect(await read("totalIn")).to.equal(BigInt(topUps.supplied));
      const escrow = await chain.client.readContract({
        address: token,
        abi: ERC20_ABI,
        functionName: "balanceOf",
        args: [bridge],
      });
      // The escrow by the contract's rule, over the model's bridge calls in order: out adds to it, an in that
      // goes through releases from it first (what it cannot cover is minted).
      let expectedEscrow = 0n;
      for (const a of actions)
        if (a.kind === "bridge" && !a.reverts) {
          if (a.direction === "out") expectedEscrow += a.amount;
          if (a.direction === "in") expectedEscrow -= a.amount < expectedEscrow ? a.amount : expectedEscrow;
        }
      expect(escrow).to.equal(expectedEscrow);

      const simulate = (
        account: Address,
        address: Address,
        abi: typeof BRIDGE_ABI | typeof ERC20_ABI | typeof SWAPPER_ABI | typeof POOL_ABI,
        functionName: string,
        args: readonly unknown[],
      ) =>
        revertOf(() =>
          chain.client.simulateContract({ account, address, abi, functionName, args } as Parameters<
            typeof chain.client.simulateContract
          >[0]),
        );
      const one = 10n ** 18n;
      // What the halt stops: both directions, even from the relayer; and it halts once.
      expect(await simulate(trader, bridge, BRIDGE_ABI, "bridgeOut", [one])).to.equal("BridgeHalted");
      expect(await simulate(deployer, bridge, BRIDGE_ABI, "bridgeIn", [trader, one])).to.equal(
        "BridgeHalted",
      );
      expect(await simulate(deployer, bridge, BRIDGE_ABI, "halt", [])).to.equal("BridgeHalted");
      // What it does not: the token moves, its pool trades, Aave takes it as collateral.
      expect(await simulate(trader, token, ERC20_ABI, "transfer", [lp, one])).to.equal("succeeded");
      const pool = book.uniswapV3.pools["wsteth-weth-1"]!;
      const wstethIs0 = pool.token0.toLowerCase() === token.toLowerCase();
      const limit = wstethIs0 ? 4295128740n : 1461446703485210103287273052203988822378723970341n;
      expect(
        await simulate(trader, book.harness.swapper, SWAPPER_ABI, "swap", [
          pool.address,
          wstethIs0,
          one,
          limit,
          trader,
        ]),
      ).to.equal("succeeded");
      const aavePool = book.aave.aave!.pool;
      await writeContract(chain, {
        from: trader,
        address: token,
        abi: ERC20_ABI,
        functionName: "approve",
        args: [aavePool, one],
      });
      expect(await simulate(trader, aavePool, POOL_ABI, "supply", [token, one, trader, 0])).to.equal(
        "succeeded",
      );

      // A running bridge, through the harness's own transactions: out to escrow, then in releases the escrow
      // first and mints the rest; each receipt's event is what the model's action says.
      const fresh = await deployBridge(chain, { token, deployer, trader });
      const running = createChainBridge({ address: fresh, deployer, trader });
      const supply = () =>
        chain.client.readContract({ address: token, abi: TOKEN_SUPPLY_ABI, functionName: "totalSupply" });
      const before = await supply();
      const send = async (direction: "in" | "out", amount: bigint) => {
        const action = { block: 1, kind: "bridge", asset: "wstETH", direction, amount } as const;
        const receipt = await sendTransaction(chain, running.transaction(action));
        return running.observe(receipt, action);
      };
      const seenOut = await send("out", 5n * one);
      expect(seenOut.got).to.deep.equal(seenOut.expected);
      const seenIn = await send("in", 8n * one);
      expect(seenIn.got).to.deep.equal({ event: "BridgedIn", amount: String(8n * one) });
      expect(await supply()).to.equal(before + 3n * one);
      expect(
        await chain.client.readContract({
          address: token,
          abi: ERC20_ABI,
          functionName: "balanceOf",
          args: [fresh],
        }),
      ).to.equal(0n);
      // Only the relayer delivers, only the guardian halts.
      expect(await simulate(trader, fresh, BRIDGE_ABI, "bridgeIn", [trader, one])).to.equal("NotRelayer");
      expect(await simulate(trader, fresh, BRIDGE_ABI, "halt", [])).to.equal("NotGuardian");
    });
  });

  it("error: a bridge on an asset without a peg, twice on one asset, an exit sale without a halt, or top-ups on a market that is not Aave v3.6+ or restoring less than their trigger are refused naming the field", async () => {
    const { parseScenario } = await import("../../src/model/scenario/parseScenario.js");
    const { readFileSync } = await import("node:fs");
    const raw = () => JSON.parse(readFileSync("scenarios/bridge-halt.json", "utf8"));
    const refusal = (edit: (s: ReturnType<typeof raw>) => void) => {
      const s = raw();
      edit(s);
      try {
        parseScenario(s, "bridge");
        return "accepted";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal((s) => (s.bridges[0].asset = "USDC"))).to.match(/bridges\[0\]\.asset.*pegged asset/);
    expect(refusal((s) => s.bridges.push({ asset: "wstETH" }))).to.match(
      /bridges\[1\]\.asset.*one bridge per asset/,
    );
    expect(refusal((s) => delete s.bridges[0].haltBlock)).to.match(/bridges\[0\]\.exitSale.*haltBlock/);
    expect(refusal((s) => (s.bridges[0].haltBlock = 601))).to.match(/bridges\[0\]\.haltBlock.*maxBlocks/);
    expect(refusal((s) => (s.bridges[0].topUps.market = "nowhere"))).to.match(
      /bridges\[0\]\.topUps\.market.*Aave v3\.6 or v3\.7 market/,
    );
    expect(refusal((s) => (s.bridges[0].topUps.restoreTo = 1.05))).to.match(
      /bridges\[0\]\.topUps\.restoreTo.*above healthFactorBelow \(1\.1\)/,
    );
  });
});
