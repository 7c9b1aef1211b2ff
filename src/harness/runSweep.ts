import { createReadClient } from "../chain/createReadClient.js";
import { allowedCpus } from "../chain/pinToCpu.js";
import type { ChainBackend } from "../chain/types.js";
import type { DaoOutcome } from "../model/dao/types.js";
import type { Scenario } from "../model/scenario/schema.js";
import type { SweepParam } from "../model/sweep/parseSweepParam.js";
import { setScenarioParam } from "../model/sweep/setScenarioParam.js";
import { deploymentKey } from "./deploymentKey.js";
import type { ForkRunOptions } from "./runScenarioOnChain.js";
import { runSweepLane, variantLabel } from "./runSweepLane.js";
import { runSweepLaneProcess } from "./runSweepLaneProcess.js";
import type { runVariantOnChain, VariantRun } from "./runVariantOnChain.js";

/** One variant's outcome: the chain's figures, the model's on the same state, and their agreement. */
export type SweepRow = {
  values: Record<string, number | string | boolean>;
  /** Which deployment it ran on (variants that change what is deployed need their own). */
  deployment: number;
  chain: {
    valueLiquidatedUsd: number;
    liquidations: number;
    badDebtUsd: number;
    badDebtByProtocol: Record<string, number>;
    exceedsInsuranceFund: string[];
    finalPrice: number;
    minPrice: number;
    liquidatableLeft: number;
  } | null;
  model: {
    valueLiquidatedUsd: number;
    liquidations: number;
    badDebtUsd: number;
    finalPrice: number;
    /**
     * Positions its liquidators examined in the last block and left (their liquidation would not pay or
     * would revert): the chain's `liquidatableLeft` must be exactly these, or they missed some.
     */
    liquidatableLeft: number;
  } | null;
  exactActions: number;
  executedActions: number;
  maxPriceDiffBps: number;
  ms: number;
  /** A scenario with a DAO policy: what it did in the model, and its fund on chain. */
  dao?: DaoRow;
  error?: { phase: string; message: string };
};

/** One variant's DAO: its levers, cuts and their cost to borrowers, delays, live-SSF readings and fund. */
export type DaoRow = {
  levers: string[];
  tightenings: number;
  /** Each cut: its block, member, who made it, each collateral's new terms (bps) and the borrowers it pushed. */
  cuts: DaoOutcome["tightenings"];
  pushedIntoLiquidation: number;
  pushedDebtUsd: number;
  holds: { market: string; via: string }[];
  /** The lowest live-SSF reading (further fall, fraction; null: none below the level), when it measured any. */
  lowestReading?: number | null;
  notApplied: { market: string; lever: string; why: string }[];
  backstop?: {
    buys: number;
    firstBlock: number | null;
    spentUsd: number;
    boughtUnderlying: number;
    pnlUsd: number;
    /** Its contract's balances at the end (wei) and P&L at the chain's final price; `exact` when the balances are the model's. */
    chain?: { stable: string; underlying: string; pnlUsd: number; exact: boolean };
  };
};

export type SweepReport = {
  scenario: { name: string; description: string; seed: number };
  backend: ChainBackend;
  params: SweepParam[];
  rows: SweepRow[];
  deployments: number;
  /** Fork mode: the block every chain forked and where the addresses came from (the URL is never kept). */
  fork?: { blockNumber: string; addressSource: string };
  timings: { chainStartMs: number; deployMs: number; variantsMs: number; totalMs: number };
  /** Set when a whole deployment failed (its variants carry the error too). */
  error?: { phase: string; message: string };
};

/**
 * Runs a scenario once per value of one parameter (or per pair, for a grid of two) on the local replica,
 * or (with `fork`) on forks of an endpoint, each chain prepared by fork mode's own path (openForkSession).
 * Variants are built and validated first (a bad value stops the sweep before anything runs); variants
 * that share a deployment run from one snapshot (deploy once, revert before each), and those that change
 * what is deployed get their own session; with `workers`, that many chains share a deployment's variants. Rows come back in the order of the values. Never throws for a
 * failed variant: its row carries the error.
 *
 * @param scenario - the base scenario.
 * @param parameters - the swept parameters (one or two), backend, progress, clock.
 * @returns one row per variant with the chain's and the model's totals.
 * @throws {ModelInputError | ScenarioValidationError} when a path or value is invalid.
 */
export async function runSweep(
  scenario: Scenario,
  parameters: {
    params: SweepParam[];
    backend: ChainBackend;
    /**
     * Chains run at once (default 1): each gets the same deployment and takes the next variant when it
     * finishes one; rows are the same as a serial sweep's, in the order of the values.
     */
    workers?: number;
    /** Fork mode: every chain forks this endpoint at this block (its variants from the prepared fork's snapshot). */
    fork?: ForkRunOptions;
    onProgress?: (message: string, done?: number, total?: number) => void;
    now?: () => number;
  },
): Promise<SweepReport> {
  const { params, backend } = parameters;
  const now = parameters.now ?? (() => 0);
  const progress = parameters.onProgress ?? (() => {});
  if (params.length < 1 || params.length > 2)
    throw new RangeError(`A sweep takes one or two parameters, not ${params.length}.`);
  const variants = sweepVariants(scenario, params);
  const keys = [...new Set(variants.map((v) => v.key))];
  const start = now();
  const report: SweepReport = {
    scenario: { name: scenario.name, description: scenario.description, seed: scenario.seed },
    backend,
    params,
    rows: [],
    deployments: keys.length,
    timings: { chainStartMs: 0, deployMs: 0, variantsMs: 0, totalMs: 0 },
  };
  const rows = new Map<number, SweepRow>();
  const workers = Math.max(1, parameters.workers ?? 1);
  // Every chain of a fork sweep forks the same block: the endpoint's latest, read once, when none is given.
  const fork = parameters.fork && {
    ...parameters.fork,
    blockNumber:
      parameters.fork.blockNumber ?? (await createReadClient(parameters.fork.url).getBlockNumber()),
  };
  if (fork) report.fork = { blockNumber: String(fork.blockNumber), addressSource: fork.addressSource };
  // Variants finished, across the lanes (for progress).
  const counter = { done: 0 };
  for (const [deployment, key] of keys.entries()) {
    const group = variants.map((v, i) => ({ ...v, i })).filter((v) => v.key === key);
    const queue = [...group];
    const tag = `deployment ${deployment + 1}/${keys.length}`;
    // A pool of chains, each with the same deployment, taking the next variant as it finishes one: the
    // nodes run on their own cores while this process computes the model (prool's pool of instances).
    const lane = async (n: number) => {
      try {
        await runSweepLane(
          {
            backend,
            ...(fork ? { fork } : {}),
            scenario: group[0]!.scenario,
            deployment,
            at: workers > 1 ? `${tag}, chain ${n + 1}` : tag,
            now,
          },
          {
            progress,
            timing: (phase, ms) => {
              report.timings[phase] += ms;
            },
            next: () => {
              const variant = queue.shift();
              if (variant)
                progress(
                  `variant ${counter.done + 1}/${variants.length}: ${variantLabel(variant.values)}`,
                  counter.done,
                  variants.length,
                );
              return variant;
            },
            row: (i, row) => {
              report.timings.variantsMs += row.ms;
              rows.set(i, row);
              counter.done++;
            },
          },
        );
      } catch (error) {
        report.error = { phase: `deployment ${deployment + 1}`, message: (error as Error).message };
      }
    };
    // With more than one chain on the replica, each lane runs in a process of its own (runSweepLaneProcess);
    // a fork's lanes stay in this one: its address book carries the artifacts' functions, which cannot be
    // sent to another process.
    const lanes = Math.min(workers, group.length);
    const inProcesses = lanes > 1 && !fork;
    // Each lane's process, with its node, on a core of its own when there are enough (pinToCpu).
    const cpus = inProcesses ? allowedCpus() : [];
    const inProcess = (n: number) =>
      runSweepLaneProcess(
        { backend, tag, deployment, group, queue, variants, report, rows, progress, counter },
        n,
        cpus.length >= lanes ? cpus[n] : undefined,
      );
    await Promise.all(Array.from({ length: lanes }, (_, n) => (inProcesses ? inProcess(n) : lane(n))));
    // Variants no chain could run (its deployment failed) carry the error.
    for (const variant of group)
      if (!rows.has(variant.i))
        rows.set(variant.i, {
          values: variant.values,
          deployment,
          chain: null,
          model: null,
          exactActions: 0,
          executedActions: 0,
          maxPriceDiffBps: 0,
          ms: 0,
          error: report.error ?? { phase: `deployment ${deployment + 1}`, message: "not run" },
        });
  }
  report.rows = variants.map((_, i) => rows.get(i)!);
  report.timings.totalMs = now() - start;
  return report;
}

/**
 * A sweep's variants, in the order of the values (the first parameter's outer): each with its values, its
 * scenario and its deployment key.
 *
 * @param scenario - the base scenario.
 * @param params - one or two swept parameters.
 * @returns the variants.
 * @throws {ModelInputError | ScenarioValidationError} when a path or value is invalid.
 */
export function sweepVariants(
  scenario: Scenario,
  params: readonly SweepParam[],
): { values: SweepRow["values"]; scenario: Scenario; key: string }[] {
  const combos: SweepRow["values"][] = params[0]!.values.flatMap((a) =>
    params.length === 1
      ? [{ [params[0]!.path]: a }]
      : params[1]!.values.map((b) => ({ [params[0]!.path]: a, [params[1]!.path]: b })),
  );
  return combos.map((values) => {
    const variant = Object.entries(values).reduce((s, [path, v]) => setScenarioParam(s, path, v), scenario);
    return { values, scenario: variant, key: deploymentKey(variant) };
  });
}

/** A variant's row from its run (a sweep's table line). */
export function sweepRow(
  values: SweepRow["values"],
  deployment: number,
  run: Awaited<ReturnType<typeof runVariantOnChain>>,
  ms: number,
): SweepRow {
  const c = run.chain;
  const losses = c ? Object.entries(c.totals.badDebtByProtocol) : [];
  return {
    values,
    deployment,
    chain: c && {
      valueLiquidatedUsd: c.totals.valueLiquidatedUsd,
      liquidations: c.totals.liquidations,
      badDebtUsd: losses.reduce((a, [, l]) => a + l.totalUsd, 0),
      badDebtByProtocol: Object.fromEntries(losses.map(([id, l]) => [id, l.totalUsd])),
      exceedsInsuranceFund: losses.filter(([, l]) => l.exceedsInsuranceFund).map(([id]) => id),
      finalPrice: c.totals.finalPrice,
      minPrice: c.totals.minPrice,
      liquidatableLeft: c.totals.liquidatableLeft,
    },
    model: run.model && {
      valueLiquidatedUsd: run.model.totals.valueLiquidatedUsd,
      liquidations: run.model.totals.liquidations,
      badDebtUsd: run.model.totals.badDebtUsd,
      finalPrice: run.model.totals.finalPrice,
      liquidatableLeft: run.model.rounds.at(-1)?.backlog ?? 0,
    },
    exactActions: c?.actions.exact ?? 0,
    executedActions: c?.actions.executed ?? 0,
    maxPriceDiffBps: run.comparison?.maxPriceDiffBps ?? 0,
    ms,
    ...(run.model?.dao ? { dao: daoRow(run.model.dao, run.chain) } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

/** A variant's DAO row from the model's outcome and the chain's fund. */
function daoRow(dao: DaoOutcome, chain: VariantRun["chain"]): DaoRow {
  const b = dao.backstop;
  const fund = chain?.daoBackstop;
  const readings = dao.readings.map((r) => r.furtherFall);
  const measured = readings.filter((r): r is number => r !== null);
  return {
    levers: dao.levers,
    tightenings: dao.tightenings.length,
    cuts: dao.tightenings,
    pushedIntoLiquidation: dao.borrowerCost.positions,
    pushedDebtUsd: dao.borrowerCost.debtUsd,
    holds: dao.holds.map((h) => ({ market: h.market, via: h.via })),
    ...(readings.length > 0 ? { lowestReading: measured.length > 0 ? Math.min(...measured) : null } : {}),
    notApplied: dao.notApplied,
    ...(b
      ? {
          backstop: {
            buys: b.buys,
            firstBlock: b.firstBlock,
            spentUsd: b.spentUsd,
            boughtUnderlying: b.boughtUnderlying,
            pnlUsd: b.pnlUsd,
            ...(fund
              ? {
                  chain: {
                    ...fund,
                    // Sent its size at its first buy (nothing when it never bought); left what it did not spend.
                    exact: fund.underlying === String(b.bought) && fund.stable === String(b.funded - b.spent),
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
