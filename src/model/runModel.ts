import { type BuildCascadeStateOptions, buildCascadeState } from "./cascade/buildCascadeState.js";
import { isMainPool } from "./cascade/isMainPool.js";
import { runCascade } from "./cascade/runCascade.js";
import { shockDepth, shockMultipliers } from "./cascade/shockPath.js";
import type { CascadeAction, CascadeResult, CascadeState, PoolModel, RoundRecord } from "./cascade/types.js";
import type { Scenario } from "./scenario/schema.js";
import {
  collateralHaircutBreakpoint,
  type HaircutBreakpoint,
} from "./thresholds/collateralHaircutBreakpoint.js";
import { gammaNeutralityPrice } from "./thresholds/gammaNeutralityPrice.js";
import { gexProfile } from "./thresholds/gexProfile.js";
import { hedgeCrossoverPrice } from "./thresholds/hedgeCrossoverPrice.js";
import { lacCurve } from "./thresholds/lacCurve.js";
import { type Absorption, liquidityAbsorptionCapacity } from "./thresholds/liquidityAbsorptionCapacity.js";
import { type SsfResult, systemicSolvencyFailure } from "./thresholds/systemicSolvencyFailure.js";

/** The model's report: the fields of report.json (documented in README "Reading a report"). */
export type ModelReport = {
  scenario: {
    name: string;
    description: string;
    seed: number;
    shockDepth: number;
    blockTimeSeconds: number;
    /** Pegged assets: what each redeems for (the rounds' `pegPrices` show where its pool went). */
    pegs?: { symbol: string; asset: string; rate: number }[];
  };
  stopReason: CascadeResult["stopReason"];
  drainedPool?: CascadeResult["drainedPool"];
  blockedLiquidations?: CascadeResult["blockedLiquidations"];
  heldATokens?: CascadeResult["heldATokens"];
  contagion?: CascadeResult["contagion"];
  backstops?: CascadeResult["backstops"];
  bridges?: CascadeResult["bridges"];
  /** What the Sovereign Risk DAO did (a scenario with a policy). */
  dao?: CascadeResult["dao"];
  safetyModules?: CascadeResult["safetyModules"];
  blocks: number;
  totals: CascadeResult["totals"];
  thresholds: {
    gammaNeutralityPrice: number | null;
    lac: Record<string, { at5: Absorption; at10: Absorption }>;
    collateralHaircutBreakpoint: HaircutBreakpoint[];
    ssfShock: number | null;
    ssf: SsfResult | null;
    hedgeCrossoverPrice: number | null;
    hedgeCrossover: Record<string, ReturnType<typeof hedgeCrossoverPrice>>;
    /** Net dealer GEX per 1% over 50–150% of the start price (the GEX profile, with the flip on it). */
    gexProfile: ReturnType<typeof gexProfile>;
    /** Per pool, the LAC at every 1% of price fall up to 20% (marginal definition). */
    lacCurves: Record<string, ReturnType<typeof lacCurve>>;
  };
  rounds: RoundRecord[];
  events: CascadeResult["events"];
  /** With competing bots (liquidators.bots): each bot's race over the cascade. */
  race?: CascadeResult["race"];
  timings: { buildMs: number; cascadeMs: number; thresholdsMs: number; ssfMs: number };
};

export type RunModelOptions = BuildCascadeStateOptions & {
  /** Start from this state (e.g. read off a chain) instead of building one from the scenario. */
  state?: CascadeState;
  /** Skip the SSF search even if the scenario asks for it. */
  skipSsf?: boolean;
  /** Run the shock rescaled to this depth (fraction, 0.25 = −25%), its shape kept: one SSF probe. */
  shockDepth?: number;
  recordEvents?: boolean;
  onRound?: (round: RoundRecord) => void;
  /** Every state change a chain must reproduce, in order (see CascadeAction). */
  onAction?: (action: CascadeAction) => void;
  /** Each Aave market's liquidatable positions at the end of every block (see RunCascadeOptions). */
  onLiquidatable?: (block: number, market: string, positionIndices: number[]) => void;
  onSsfProbe?: (depth: number) => void;
  /** Monotonic clock in ms (the CLI passes performance.now); the model itself reads no clock. */
  now?: () => number;
};

/**
 * Runs the analytical model on a scenario: the cascade, then every threshold.
 * @example const report = runModel(parseScenario(json));
 */
export function runModel(scenario: Scenario, options: RunModelOptions = {}): ModelReport {
  const now = options.now ?? (() => 0);
  let t = now();
  const state = options.state ?? buildCascadeState(scenario, options);
  const buildMs = now() - t;
  t = now();
  const result = runCascade(state, {
    shock: shockMultipliers(scenario.shock, scenario.blockTimeSeconds, options.shockDepth),
    maxBlocks: scenario.maxBlocks,
    seed: scenario.seed,
    recordEvents: options.recordEvents ?? true,
    ...(options.onRound ? { onRound: options.onRound } : {}),
    ...(options.onAction ? { onAction: options.onAction } : {}),
    ...(options.onLiquidatable ? { onLiquidatable: options.onLiquidatable } : {}),
  });
  const cascadeMs = now() - t;
  t = now();
  const spot = state.priceHistory[state.priceHistory.length - 1]!;
  const lac: ModelReport["thresholds"]["lac"] = {};
  // A pegged asset's pool quotes in the underlying, at its starting price; a safety module's token in the quote.
  const quoteUsdOf = (pool: PoolModel) =>
    isMainPool(state, pool) ||
    (pool.underlyingIsToken0 ? pool.token1 : pool.token0).symbol === state.quote.symbol
      ? 1
      : spot;
  for (const pool of state.pools) {
    const quoteUsd = quoteUsdOf(pool);
    lac[pool.id] = {
      at5: liquidityAbsorptionCapacity(pool, 0.05, quoteUsd),
      at10: liquidityAbsorptionCapacity(pool, 0.1, quoteUsd),
    };
  }
  const hedgeCrossover: ModelReport["thresholds"]["hedgeCrossover"] = {};
  for (const pool of state.pools)
    if (state.books.some((b) => b.poolId === pool.id))
      hedgeCrossover[pool.id] = hedgeCrossoverPrice(pool, state.books, spot);
  const crossings = Object.values(hedgeCrossover)
    .map((h) => h.price)
    .filter((p): p is number => p !== null);
  const otherPrice = (symbol: string) => scenario.assets.find((a) => a.symbol === symbol)!.priceUsd;
  // A static aToken counts as its asset at the reserve's income now (one wrapper share in assets).
  const wrapperRate = (symbol: string) => {
    for (const m of state.markets) {
      if (m.kind !== "aave-v3") continue;
      const t = m.staticATokens?.find((x) => x.symbol === symbol);
      if (t) return Number(m.reserves[t.reserve]!.liquidityIndexRay) / 1e27;
    }
    return undefined;
  };
  const pegRate = (symbol: string) =>
    scenario.assets.find((a) => a.symbol === symbol)?.peg?.rate ?? wrapperRate(symbol);
  const thresholdsMs = now() - t;
  t = now();
  const ssf =
    scenario.thresholds.ssf && !options.skipSsf
      ? systemicSolvencyFailure(state, scenario, options.onSsfProbe ? { onProbe: options.onSsfProbe } : {})
      : null;
  const ssfMs = now() - t;
  return {
    scenario: {
      name: scenario.name,
      description: scenario.description,
      seed: scenario.seed,
      shockDepth: options.shockDepth ?? shockDepth(scenario.shock),
      blockTimeSeconds: scenario.blockTimeSeconds,
      ...(scenario.assets.some((a) => a.peg)
        ? {
            pegs: scenario.assets.flatMap((a) =>
              a.peg ? [{ symbol: a.symbol, asset: a.peg.asset, rate: a.peg.rate }] : [],
            ),
          }
        : {}),
    },
    stopReason: result.stopReason,
    ...(result.drainedPool ? { drainedPool: result.drainedPool } : {}),
    ...(result.blockedLiquidations ? { blockedLiquidations: result.blockedLiquidations } : {}),
    ...(result.heldATokens ? { heldATokens: result.heldATokens } : {}),
    ...(result.contagion ? { contagion: result.contagion } : {}),
    ...(result.backstops ? { backstops: result.backstops } : {}),
    ...(result.bridges ? { bridges: result.bridges } : {}),
    ...(result.dao ? { dao: result.dao } : {}),
    ...(result.safetyModules ? { safetyModules: result.safetyModules } : {}),
    blocks: result.blocks,
    totals: result.totals,
    thresholds: {
      gammaNeutralityPrice: gammaNeutralityPrice(
        state.books.map((b) => b.book),
        spot,
      ),
      lac,
      collateralHaircutBreakpoint: state.markets.map((m) =>
        collateralHaircutBreakpoint(m, scenario.underlying, otherPrice, pegRate),
      ),
      ssfShock: ssf?.shock ?? null,
      ssf,
      hedgeCrossoverPrice: crossings.length ? Math.max(...crossings) : null,
      hedgeCrossover,
      gexProfile: gexProfile(
        state.books.map((b) => b.book),
        spot,
      ),
      lacCurves: Object.fromEntries(
        state.pools.map((pool) => [pool.id, lacCurve(pool, 0.2, quoteUsdOf(pool))]),
      ),
    },
    rounds: result.rounds,
    events: result.events,
    ...(result.race ? { race: result.race } : {}),
    timings: { buildMs, cascadeMs, thresholdsMs, ssfMs },
  };
}
