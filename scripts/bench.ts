// npm run bench: speed of the model, written as JSON to out/bench.json.
//  - full cascade for 10k / 100k / 1M borrowers with a 10k-line option book;
//  - Uniswap v3 swap simulation against @uniswap/v3-sdk on the same pool and trades (ratio, outputs equal).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { CurrencyAmount, Token } from "@uniswap/sdk-core";
import { Pool } from "@uniswap/v3-sdk";
import { swap } from "../src/model/amm/v3/swap.js";
import type { V3PoolState } from "../src/model/amm/v3/types.js";
import { buildCascadeState } from "../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../src/model/cascade/shockPath.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";
import { withoutPeggedAssets } from "../src/testing/withoutPeggedAssets.js";
import { benchAaveProfiles } from "./benchAaveProfiles.js";
import { benchCampaign } from "./benchCampaign.js";
import { benchChain, benchRun, benchSweepVariant } from "./benchChain.js";
import { benchFork } from "./benchFork.js";
import { benchGex } from "./benchGex.js";
import { benchLoop } from "./benchLoop.js";
import { benchPool } from "./benchPool.js";
import { benchSsf } from "./benchSsf.js";

// The default's two-asset world (its wstETH book left out), so the numbers compare with earlier runs and
// across Aave profiles (v3.0 has no e-mode).
const base = withoutPeggedAssets(JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8")));
const results: Record<string, unknown> = {
  node: process.version,
  date: new Date().toISOString(),
  cascade: [],
  swap: {},
  chain: [],
  run: [],
  sweep: [],
  aaveProfiles: {},
  fork: {},
  ssf: {},
  loop: {},
  pool: {},
  campaign: {},
  gex: {},
};
// BENCH_SECTIONS=cascade,swap,chain,run,sweep,aave,fork,ssf,loop,pool,campaign,gex runs only those sections (default: all).
const sections = new Set(
  (process.env.BENCH_SECTIONS ?? "cascade,swap,chain,run,sweep,aave,fork,ssf,loop,pool,campaign,gex").split(
    ",",
  ),
);
// BENCH_SIZES=10000,100000 limits the model cascade sizes; BENCH_CHAIN_SIZES the replica's borrower counts.
const sizes = (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").filter(Boolean).map(Number);
const chainSizes = (process.env.BENCH_CHAIN_SIZES ?? "300,1000").split(",").filter(Boolean).map(Number);

function optionBook(lines: number) {
  const options = [];
  for (let i = 0; i < lines; i++) {
    const put = i % 2 === 0;
    options.push({
      type: put ? "put" : "call",
      strike: put ? 1500 + (i % 60) * 25 : 3000 + (i % 60) * 25,
      expiryDays: 1 + (i % 90),
      size: 1 + (i % 7),
    });
  }
  return options;
}

for (const count of sections.has("cascade") ? sizes : []) {
  const raw = structuredClone(base);
  raw.name = `bench-${count}`;
  raw.borrowers = [
    {
      market: "aave",
      generator: {
        count: Math.round(count * 0.8),
        collateral: "WETH",
        debt: "USDC",
        healthFactor: { dist: "uniform", min: 1.02, max: 3 },
        collateralUsd: { dist: "lognormal", median: 2000, sigma: 1 },
      },
    },
    {
      market: "compound-usdc",
      generator: {
        count: Math.round(count * 0.2),
        collateral: "WETH",
        debt: "USDC",
        healthFactor: { dist: "uniform", min: 1.02, max: 3 },
        collateralUsd: { dist: "lognormal", median: 2000, sigma: 1 },
      },
    },
  ];
  raw.optionBooks[0].options = optionBook(10_000);
  raw.optionBooks[0].minHedgeUnderlying = 5;
  raw.optionBooks = [raw.optionBooks[0]];
  raw.liquidators.capacityPerBlock = 500;
  const scenario = parseScenario(raw);
  let t = performance.now();
  const state = buildCascadeState(scenario);
  const buildMs = performance.now() - t;
  t = performance.now();
  const r = runCascade(state, {
    shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds),
    maxBlocks: scenario.maxBlocks,
    seed: scenario.seed,
    recordEvents: false,
  });
  const cascadeMs = performance.now() - t;
  (results.cascade as unknown[]).push({
    borrowers: count,
    optionLines: 10_000,
    buildMs: Math.round(buildMs),
    cascadeMs: Math.round(cascadeMs),
    blocks: r.blocks,
    liquidations: r.totals.liquidations,
    stopReason: r.stopReason,
    // Aave positions liquidators examined, and how many a float bound rejected before the exact math.
    aaveAttempts: r.work.aaveAttempts,
    provenUnprofitable: r.work.provenUnprofitable,
  });
  console.error(
    `cascade ${count} borrowers: build ${buildMs.toFixed(0)} ms, cascade ${cascadeMs.toFixed(0)} ms, ${r.blocks} blocks, ${r.totals.liquidations} liquidations`,
  );
}

if (sections.has("swap")) {
  // Swap: the same multi-range pool in both libraries, the same 2,000 exact-input trades.
  const pool0: V3PoolState = {
    feePips: 500,
    tickSpacing: 10,
    sqrtPriceX96: 0n,
    tick: 0,
    liquidity: 0n,
    ticks: [],
  };
  const state = buildCascadeState(parseScenario(base));
  const v3 = state.pools.find((p) => p.kind === "uniswap-v3")!;
  if (v3.kind !== "uniswap-v3") throw new Error("bench: no v3 pool");
  const p: V3PoolState = { ...pool0, ...v3.state };
  const t0 = new Token(1, "0x0000000000000000000000000000000000000001", v3.token0.decimals, "A");
  const t1 = new Token(1, "0x0000000000000000000000000000000000000002", v3.token1.decimals, "B");
  // liquidityGross is not used by swaps; the SDK only needs it to be ≥ |net|.
  const ticks = p.ticks.map((t) => ({
    index: t.index,
    liquidityNet: t.liquidityNet.toString(),
    liquidityGross: (t.liquidityNet < 0n ? -t.liquidityNet : t.liquidityNet).toString(),
  }));
  const sdkPool = new Pool(
    t0,
    t1,
    p.feePips,
    p.sqrtPriceX96.toString(),
    p.liquidity.toString(),
    p.tick,
    ticks,
  );
  const trades: { zeroForOne: boolean; amount: bigint }[] = [];
  for (let i = 0; i < 2000; i++)
    trades.push({
      zeroForOne: i % 2 === 0,
      amount: i % 2 === 0 ? BigInt(1 + (i % 997)) * 10n ** 17n : BigInt(1 + (i % 991)) * 10n ** 8n,
    });
  // The two sides alternate, 15 rounds of the 2,000 trades each, so both see the same machine load; the
  // first 5 rounds warm the JIT (optimised code takes a few runs on either side), the medians of the other
  // 10 count.
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const oursRuns: number[] = [];
  const sdkRuns: number[] = [];
  let ours: ReturnType<typeof swap>[] = [];
  let sdk: CurrencyAmount<Token>[] = [];
  for (let round = 0; round < 15; round++) {
    let t = performance.now();
    ours = trades.map((tr) => swap(p, { zeroForOne: tr.zeroForOne, amountSpecified: tr.amount }));
    if (round >= 5) oursRuns.push(performance.now() - t);
    t = performance.now();
    sdk = [];
    for (const tr of trades)
      sdk.push(
        (
          await sdkPool.getOutputAmount(
            CurrencyAmount.fromRawAmount(tr.zeroForOne ? t0 : t1, tr.amount.toString()),
          )
        )[0],
      );
    if (round >= 5) sdkRuns.push(performance.now() - t);
  }
  const oursMs = median(oursRuns);
  const sdkMs = median(sdkRuns);
  const identical = ours.every(
    (o, i) => (-(trades[i]!.zeroForOne ? o.amount1 : o.amount0)).toString() === sdk[i]!.quotient.toString(),
  );
  results.swap = {
    trades: trades.length,
    dlcmMs: Math.round(oursMs * 10) / 10,
    sdkMs: Math.round(sdkMs),
    speedup: Math.round((sdkMs / oursMs) * 10) / 10,
    identicalOutputs: identical,
  };
  console.error(
    `swap: dlcm ${oursMs.toFixed(1)} ms, v3-sdk ${sdkMs.toFixed(0)} ms for ${trades.length} swaps (×${(sdkMs / oursMs).toFixed(1)}), identical: ${identical}`,
  );
}
for (const count of sections.has("chain") ? chainSizes : [])
  for (const backend of ["anvil", "edr"] as const) {
    const r = await benchChain(base, count, backend);
    (results.chain as unknown[]).push(r);
    console.error(`chain ${backend} ${count} borrowers: ${JSON.stringify(r)}`);
  }
// End to end (issue 4): the default scenario on both backends, then a 1,000-borrower cascade (goal < 30 s);
// with the chain-side scan of every borrower after each block (the default) and without it (--scan final).
for (const [backend, borrowers, scan] of [
  ["anvil", undefined, "every-block"],
  ["anvil", undefined, "final"],
  ["edr", undefined, "every-block"],
  ["edr", undefined, "final"],
  ["anvil", 1000, "every-block"],
  ["anvil", 1000, "final"],
  ["edr", 1000, "final"],
  // Issue 20: 10,000 Aave borrowers with the per-block scan (goal: under 30 s end to end).
  ["anvil", 10_000, "every-block"],
] as const) {
  if (!sections.has("run")) break;
  const r = await benchRun(base, backend, borrowers, scan);
  (results.run as unknown[]).push(r);
  console.error(`run ${backend} ${r.scenario}: ${JSON.stringify(r)}`);
}
// Issue 6: one sweep variant from the snapshot against a cold run of the same scenario.
for (const backend of sections.has("sweep") ? (["anvil", "edr"] as const) : []) {
  const r = await benchSweepVariant(base, backend);
  (results.sweep as unknown[]).push(r);
  console.error(`sweep ${backend}: ${JSON.stringify(r)}`);
}
if (sections.has("aave")) {
  results.aaveProfiles = await benchAaveProfiles(base);
  console.error(`aave profiles: ${JSON.stringify(results.aaveProfiles)}`);
}
// Issue 15: fork mode's own path (Aave and Comet prepared on a fork of the replica) against the replica.
if (sections.has("fork")) {
  results.fork = await benchFork(base);
  console.error(`fork: ${JSON.stringify(results.fork)}`);
}
// Issue 16: the SSF scan against the bisection it replaced; the liquidators' sizing.
if (sections.has("ssf")) {
  results.ssf = benchSsf(base);
  console.error(`ssf: ${JSON.stringify(results.ssf)}`);
}
// Issue 20: the chain loop against the EVM's own rate and against plain viem, in the same run.
if (sections.has("loop")) {
  results.loop = await benchLoop(base);
  console.error(`loop: ${JSON.stringify(results.loop)}`);
}
// Issue 20: a 20-variant sweep serial against a pool of two chains.
if (sections.has("pool")) {
  results.pool = await benchPool();
  console.error(`pool: ${JSON.stringify(results.pool)}`);
}
// Issue 14: the Aave v3.6 exactness campaign's steps per second.
if (sections.has("campaign")) {
  results.campaign = await benchCampaign();
  console.error(`campaign: ${JSON.stringify(results.campaign)}`);
}
// Issue 19: the GEX feed's recomputation per block and its SSE delivery to 1,000 clients.
if (sections.has("gex")) {
  results.gex = await benchGex();
  console.error(`gex: ${JSON.stringify(results.gex)}`);
}
mkdirSync("out", { recursive: true });
writeFileSync("out/bench.json", `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
