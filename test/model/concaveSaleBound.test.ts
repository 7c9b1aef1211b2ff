import { readFileSync } from "node:fs";
import { expect } from "chai";
import fc from "fast-check";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { tradeOnPool } from "../../src/model/cascade/tradeOnPool.js";
import type { PoolModel } from "../../src/model/cascade/types.js";
import { concaveSaleBound } from "../../src/model/liquidators/concaveSaleBound.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { lstScenario } from "../../src/testing/lstScenario.js";

// The bound that lets liquidators skip pegged sales without simulating them: what one sale fetched on a
// pool state bounds any other amount's sale on it (concavity). Checked against the exact swap math
// (tradeOnPool: Uniswap's own V3 and V2 libraries mirrored), single pools and the two-hop route, with
// amounts from dust to past all liquidity, in both token orders.

const sell = (pool: PoolModel, amount: bigint) => {
  const t = tradeOnPool(pool, { kind: "sell", amount });
  return t ? t.quoteDelta : 0n;
};

const lst = [true, false].map((order) =>
  buildCascadeState(lstScenario({ oracle: "market" }), { baseIsToken0: () => order }),
);
const v2 = [true, false].flatMap((underlyingIsToken0) =>
  buildCascadeState(parseScenario(JSON.parse(readFileSync("scenarios/v2-liquidator-venue.json", "utf8"))), {
    underlyingIsToken0,
  }).pools.filter((p) => p.kind === "uniswap-v2"),
);
const routes: { label: string; out: (amount: bigint) => bigint }[] = [
  ...lst.flatMap((state, i) => {
    const peg = state.pools.find((p) => p.id === "wsteth-weth-1")!;
    const main = state.pools.find((p) => p.id === state.liquidators.pool)!;
    return [
      { label: `wstETH → WETH (order ${i})`, out: (a: bigint) => sell(peg, a) },
      { label: `wstETH → WETH → USDC (order ${i})`, out: (a: bigint) => sell(main, sell(peg, a)) },
    ];
  }),
  ...v2.map((pool, i) => ({ label: `V2 pair (order ${i})`, out: (a: bigint) => sell(pool, a) })),
];

describe("concaveSaleBound", () => {
  for (const { label, out } of routes)
    it(`invariant: ${label} — what one amount fetched bounds any other amount's exact output`, () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: 25, noNaN: true }),
          fc.double({ min: 0, max: 25, noNaN: true }),
          (log1, log2) => {
            const [a1, a2] = [log1, log2].map((l) => BigInt(Math.max(1, Math.round(10 ** l))));
            const bound = concaveSaleBound([{ amount: Number(a1!), out: Number(out(a1!)) }], Number(a2!));
            expect(Number(out(a2!))).to.be.at.most(bound);
          },
        ),
        { numRuns: 400, seed: 15 },
      );
    });

  it("default: by hand, 1e18 in for 8e17 out bounds 2e18 at 2 · (8e17 · (1 + 1e-6) + 1e6) and 5e17 at 8e17 · (1 + 1e-6) + 1e6; no point, no bound", () => {
    const p = [{ amount: 1e18, out: 8e17 }];
    expect(concaveSaleBound(p, 2e18)).to.equal(2 * (8e17 * (1 + 1e-6) + 1e6));
    expect(concaveSaleBound(p, 5e17)).to.equal(8e17 * (1 + 1e-6) + 1e6);
    expect(concaveSaleBound([], 1)).to.equal(Number.POSITIVE_INFINITY);
  });

  it("behavior: on a pool drained past its liquidity a first sale's output bounds every larger one far below the pool's price (what lets the liquidators skip them)", () => {
    const state = lst[0]!;
    const peg = state.pools.find((p) => p.id === "wsteth-weth-1")!;
    // Sell 10× the pool's depth: the pool's price falls to its last tick, and the bound is the output.
    const drained = tradeOnPool(peg, { kind: "sell", amount: 100_000n * 10n ** 18n })!.pool;
    const first = sell(drained, 10n ** 18n);
    const bound = concaveSaleBound([{ amount: 1e18, out: Number(first) }], 50e18);
    // At the spot price before the drain, 50 wstETH would fetch about 60 WETH.
    expect(bound).to.be.below(1e18);
  });
});
