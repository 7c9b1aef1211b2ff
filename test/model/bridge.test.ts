import { expect } from "chai";
import { createBridge } from "../../src/model/bridge/createBridge.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { createCascadeContext } from "../../src/model/cascade/createCascadeContext.js";
import { poolById } from "../../src/model/cascade/poolById.js";
import { poolPriceE8 } from "../../src/model/cascade/poolPrice.js";
import { setPool } from "../../src/model/cascade/setPool.js";
import { tradeOnPool } from "../../src/model/cascade/tradeOnPool.js";
import type { CascadeAction } from "../../src/model/cascade/types.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";

const E18 = 10n ** 18n;

/** The shipped bridge world with its wstETH pool moved by `ratio` (1.02: 2% above the 1.21 peg). */
async function worldMovedBy(ratio: number, haltBlock?: number) {
  const scenario = structuredClone(await loadScenario("scenarios/bridge-halt.json"));
  scenario.bridges = [{ asset: "wstETH", ...(haltBlock ? { haltBlock } : {}) }];
  const state = buildCascadeState(scenario);
  const pool = poolById(state, "wsteth-weth-1");
  setPool(state, tradeOnPool(pool, { kind: "toPrice", ratioE18: BigInt(Math.round(ratio * 1e18)) })!.pool);
  const actions: CascadeAction[] = [];
  const ctx = createCascadeContext(state, {
    shock: [1],
    maxBlocks: 1,
    seed: 1,
    onAction: (a) => actions.push(a),
  });
  ctx.block = 1;
  return { state, ctx, actions, bridge: createBridge(state.bridges![0]!, ctx) };
}

/** The wstETH side of a v3 swap action (what the pool received, + in), and the pool's price over the peg. */
function wstethIn(action: CascadeAction, wstethIs0: boolean): bigint {
  if (action.kind !== "swap") throw new Error(`expected a swap, got ${action.kind}`);
  return wstethIs0 ? action.expected.amount0 : action.expected.amount1;
}

describe("bridge model (issue 18): arbitrage through a running bridge, none through a halted one", () => {
  it("behavior: above the peg the arbitrageur bridges wstETH in, then sells exactly that into the pool, which ends within its fee of 1.21 WETH", async () => {
    const { state, actions, bridge } = await worldMovedBy(1.02);
    const pool = () => poolById(state, "wsteth-weth-1");
    expect(Number(poolPriceE8(pool())) / 1e8).to.be.closeTo(1.21 * 1.02, 1e-4);
    expect(bridge.endOfBlock()).to.equal(true);
    expect(actions.map((a) => (a.kind === "swap" ? `swap:${a.purpose}` : a.kind))).to.deep.equal([
      "bridge",
      "swap:bridge-arbitrage",
    ]);
    const [bridgeIn, swap] = actions as [Extract<CascadeAction, { kind: "bridge" }>, CascadeAction];
    expect(bridgeIn.direction).to.equal("in");
    // The Swap event's own wstETH leg is what was bridged in, to the wei.
    expect(wstethIn(swap, pool().underlyingIsToken0)).to.equal(bridgeIn.amount);
    expect(Math.abs(Number(poolPriceE8(pool())) / 1.21e8 - 1)).to.be.at.most(1e-4);
    expect(bridge.outcome().bridgedIn).to.equal(String(bridgeIn.amount));
    // Back at the peg: the next block has nothing to do.
    expect(bridge.endOfBlock()).to.equal(false);
    expect(actions).to.have.length(2);
  });

  it("behavior: below the peg it buys wstETH on the pool and bridges exactly what it bought out", async () => {
    const { state, actions, bridge } = await worldMovedBy(0.97);
    expect(bridge.endOfBlock()).to.equal(true);
    const [swap, out] = actions as [CascadeAction, Extract<CascadeAction, { kind: "bridge" }>];
    expect(out.kind).to.equal("bridge");
    expect(out.direction).to.equal("out");
    expect(-wstethIn(swap, poolById(state, "wsteth-weth-1").underlyingIsToken0)).to.equal(out.amount);
    expect(out.amount > 100n * E18).to.equal(true);
  });

  it("behavior: within the fee band (0.5 bp off, fee 1 bp) nothing trades; halted, a 3% gap stays open and is counted as blocked", async () => {
    const near = await worldMovedBy(1.00005);
    expect(near.bridge.endOfBlock()).to.equal(false);
    expect(near.actions).to.deep.equal([]);
    const stuck = await worldMovedBy(0.97, 1);
    expect(stuck.bridge.endOfBlock()).to.equal(false);
    expect(stuck.actions.map((a) => (a.kind === "bridge" ? a.direction : a.kind))).to.deep.equal(["halt"]);
    const o = stuck.bridge.outcome();
    expect(o.halted).to.equal(true);
    expect(o.arbitragesBlocked).to.equal(1);
    expect(o.pegRatioAtHalt!).to.be.closeTo(0.97, 1e-4);
  });
});
