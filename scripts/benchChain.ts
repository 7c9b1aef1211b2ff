// Chain half of `npm run bench`: replica start/deploy/seed (cold and from snapshot), borrowers scanned per
// second, swaps and liquidations per second, on anvil and on EDR.
import { createChain } from "../src/chain/createChain.js";
import type { ChainBackend } from "../src/chain/types.js";
import { TransactionRevertedError } from "../src/errors/TransactionRevertedError.js";
import { deployReplica } from "../src/harness/deployReplica.js";
import type { AaveMarketModel } from "../src/model/cascade/types.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";
import { liquidateOnAave } from "../src/protocols/aave/liquidateOnAave.js";
import { readAaveMarket } from "../src/protocols/aave/readAaveMarket.js";
import { setFeedAnswer } from "../src/protocols/oracle/setFeedAnswer.js";
import { swapOnPool } from "../src/protocols/uniswap/swapOnPool.js";

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export async function benchChain(
  // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
  base: Record<string, any>,
  borrowers: number,
  backend: ChainBackend,
): Promise<Record<string, unknown>> {
  const raw = structuredClone(base);
  raw.name = `bench-chain-${borrowers}`;
  raw.borrowers = [
    {
      market: "aave",
      generator: {
        count: borrowers,
        collateral: "WETH",
        debt: "USDC",
        healthFactor: { dist: "uniform", min: 1.02, max: 2.2 },
        collateralUsd: { dist: "lognormal", median: 60000, sigma: 1 },
      },
    },
  ];
  const scenario = parseScenario(raw);
  let t = performance.now();
  const chain = await createChain({ backend });
  const startMs = performance.now() - t;
  try {
    t = performance.now();
    const replica = await deployReplica(chain, scenario);
    const deployMs = performance.now() - t;
    const snapshot = await chain.client.snapshot();

    const market = replica.state.markets.find((m) => m.kind === "aave-v3") as AaveMarketModel;
    const aave = replica.book.aave[market.id]!;
    const assets = market.reserves.map((r) => ({
      symbol: r.symbol,
      asset: replica.book.tokens[r.symbol]!.address,
    }));
    const users = market.positions.map((p, i) => ({
      id: p.id,
      address: replica.book.borrowers[market.id]![i]!,
    }));
    t = performance.now();
    const scans = 5;
    for (let i = 0; i < scans; i++)
      await readAaveMarket(chain, { lens: replica.book.harness.aaveLens, pool: aave.pool, assets, users });
    const scanPerSecond = (scans * users.length) / ((performance.now() - t) / 1000);

    const pool = replica.book.uniswapV3.pools["weth-usdc-5"]!.address;
    const u0 = replica.state.pools[0]!.underlyingIsToken0;
    const swaps = 300;
    t = performance.now();
    for (let i = 0; i < swaps; i++) {
      const sell = i % 2 === 0;
      await swapOnPool(chain, {
        from: replica.book.roles.trader,
        swapper: replica.book.harness.swapper,
        pool,
        zeroForOne: sell === u0,
        amountSpecified: sell ? 10n ** 18n : 3_000_000_000n,
        sqrtPriceLimitX96: sell === u0 ? 4295128740n : 1461446703485210103287273052203988822378723970341n,
      });
    }
    const swapsPerSecond = swaps / ((performance.now() - t) / 1000);

    // Liquidations: drop the oracle 25% and liquidate everyone it makes liquidatable.
    t = performance.now();
    await chain.client.revert({ id: snapshot });
    const revertMs = performance.now() - t;
    const weth = replica.state.oracles.find((o) => o.symbol === "WETH")!;
    await setFeedAnswer(chain, {
      from: replica.book.roles.deployer,
      feed: replica.book.feeds.WETH!,
      answer: (weth.priceE8 * 75n) / 100n,
    });
    const read = await readAaveMarket(chain, {
      lens: replica.book.harness.aaveLens,
      pool: aave.pool,
      assets,
      users,
    });
    const targets = read.accounts.flatMap((a, i) => (a.healthFactor < 10n ** 18n ? [i] : []));
    const di = market.reserves.findIndex((r) => r.symbol === "USDC");
    let liquidated = 0;
    t = performance.now();
    for (const i of targets) {
      try {
        await liquidateOnAave(chain, {
          from: replica.book.roles.liquidators[0]!,
          liquidator: aave.liquidator,
          pool: aave.pool,
          treasury: aave.treasury,
          collateral: replica.book.tokens.WETH!.address,
          debt: replica.book.tokens.USDC!.address,
          user: users[i]!.address,
          flashAmount: read.positions[i]!.scaledDebt[di]!,
          uniswapPool: pool,
        });
        liquidated++;
      } catch (error) {
        if (!(error instanceof TransactionRevertedError)) throw error;
      }
    }
    const liquidationsPerSecond = liquidated / ((performance.now() - t) / 1000);
    return {
      backend,
      borrowers,
      chainStartMs: round(startMs, 0),
      deployAndSeedMs: round(deployMs, 0),
      deployPhasesMs: Object.fromEntries(Object.entries(replica.timings).map(([k, v]) => [k, round(v, 0)])),
      revertToSnapshotMs: round(revertMs, 1),
      borrowersScannedPerSecond: round(scanPerSecond, 0),
      swapsPerSecond: round(swapsPerSecond, 0),
      liquidations: liquidated,
      liquidationsPerSecond: round(liquidationsPerSecond, 0),
    };
  } finally {
    await chain.stop();
  }
}

/** End to end: chain start, deploy, seed, model, chain cascade; liquidations per second; model time ratio. */
export async function benchRun(
  // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
  base: Record<string, any>,
  backend: ChainBackend,
  aaveBorrowers?: number,
  scan: "every-block" | "final" = "every-block",
): Promise<Record<string, unknown>> {
  const { runScenarioOnChain } = await import("../src/harness/runScenarioOnChain.js");
  const raw = structuredClone(base);
  if (aaveBorrowers !== undefined) {
    raw.name = `${raw.name}-${aaveBorrowers}`;
    raw.borrowers[0].generator.count = aaveBorrowers;
  }
  const scenario = parseScenario(raw);
  const t = performance.now();
  const report = await runScenarioOnChain(scenario, { backend, scan, now: () => performance.now() });
  const wallMs = performance.now() - t;
  const chainMs = report.timings.chainCascadeMs ?? 0;
  const liquidations = report.chain?.totals.liquidations ?? 0;
  const modelCascadeMs = report.model?.timings.cascadeMs ?? 0;
  return {
    backend,
    scenario: scenario.name,
    scan,
    aaveBorrowers: scenario.borrowers
      .filter((b) => b.market === "aave")
      .reduce((s, b) => s + ("generator" in b ? b.generator.count : b.positions.length), 0),
    wallMs: round(wallMs, 0),
    phasesMs: Object.fromEntries(Object.entries(report.timings).map(([k, v]) => [k, round(v, 0)])),
    transactions: report.comparison?.actions.executed ?? 0,
    exactTransactions: report.comparison?.actions.exact ?? 0,
    liquidations,
    liquidationsPerSecond: chainMs ? round(liquidations / (chainMs / 1000), 0) : 0,
    transactionsPerSecond: chainMs
      ? round((report.comparison?.actions.executed ?? 0) / (chainMs / 1000), 0)
      : 0,
    modelCascadeMs: round(modelCascadeMs, 1),
    chainToModelRatio: modelCascadeMs ? round(chainMs / modelCascadeMs, 0) : null,
    error: report.error ?? null,
  };
}

/**
 * A sweep variant from the snapshot against a cold run of the same scenario (chain start, deploy, seed,
 * cascade): what deploy-once-revert-many saves per variant.
 */
export async function benchSweepVariant(
  // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
  base: Record<string, any>,
  backend: ChainBackend,
): Promise<Record<string, unknown>> {
  const { runScenarioOnChain } = await import("../src/harness/runScenarioOnChain.js");
  const { runSweep } = await import("../src/harness/runSweep.js");
  const scenario = parseScenario(structuredClone(base));
  const t = performance.now();
  // Like the variants, without the per-block chain-side scan (sweeps run with `--scan final`).
  const cold = await runScenarioOnChain(scenario, { backend, scan: "final", now: () => performance.now() });
  const coldMs = performance.now() - t;
  const values = [0, 1, 2, 5, 10];
  const sweep = await runSweep(scenario, {
    params: [{ path: "oracle.latencyBlocks", values }],
    backend,
    now: () => performance.now(),
  });
  const perVariantMs = sweep.timings.variantsMs / values.length;
  return {
    backend,
    scenario: scenario.name,
    coldRunMs: round(coldMs, 0),
    sweepVariants: values.length,
    sweepTotalMs: round(sweep.timings.totalMs, 0),
    sweepDeployMs: round(sweep.timings.chainStartMs + sweep.timings.deployMs, 0),
    perVariantMs: round(perVariantMs, 0),
    coldToVariantRatio: round(coldMs / perVariantMs, 2),
    errors: [cold.error, ...sweep.rows.map((r) => r.error)].filter(Boolean),
  };
}
