import { type Bridge, createBridge } from "../bridge/createBridge.js";
import { createDao } from "../dao/createDao.js";
import { furtherFallPath } from "../dao/furtherFallPath.js";
import { createLiquidators } from "../liquidators/createLiquidators.js";
import { createLendingMarket } from "../markets/createLendingMarket.js";
import type { LendingMarket } from "../markets/types.js";
import { createRng } from "../random/createRng.js";
import { createSafetyModule, type SafetyModule } from "../safetyModule/createSafetyModule.js";
import { type CascadeContext, createCascadeContext, emptyRound } from "./createCascadeContext.js";
import { createLiquidationQueues } from "./createLiquidationQueues.js";
import { createMarketSeries } from "./createMarketSeries.js";
import { type Bot, createRace } from "./createRace.js";
import { isPoolDrained } from "./isPoolDrained.js";
import { poolById } from "./poolById.js";
import { poolPriceE8 } from "./poolPrice.js";
import { applyShock } from "./stages/applyShock.js";
import { arbitragePools } from "./stages/arbitragePools.js";
import { type LiquidationStageResult, liquidatePositions } from "./stages/liquidatePositions.js";
import { markPerps } from "./stages/markPerps.js";
import { raceLiquidations } from "./stages/raceLiquidations.js";
import { rehedgeBooks } from "./stages/rehedgeBooks.js";
import { stewardRisk } from "./stages/stewardRisk.js";
import { tallyContagion } from "./stages/tallyContagion.js";
import { tallyLosses } from "./stages/tallyLosses.js";
import { updateOracles } from "./stages/updateOracles.js";
import type {
  BotTotals,
  CascadeResult,
  CascadeState,
  PegModel,
  RaceRound,
  RoundRecord,
  RunCascadeOptions,
} from "./types.js";

const BLOCKS_PER_YEAR_OF = (blockTime: number) => (365 * 86_400) / blockTime;

/**
 * Runs the delta-leverage cascade block by block on a copy of `initial`, each block as the seed's stages
 * in order:
 * 1. shock — the reference pool follows the exogenous path (`applyShock`);
 * 2. execution against AMM liquidity — the other pools are arbitraged to it (`arbitragePools`), the
 *    oracles observe the market (`updateOracles`), and the venues trade their flows into the pools: option
 *    market makers re-hedge (`rehedgeBooks`), perp venues liquidate and hedge (`markPerps`);
 * 3. margin contagion — liquidators take what the oracle made liquidatable on every lending market and
 *    sell the seized collateral into the same pools (`liquidatePositions`, through each market's
 *    `LendingMarket`);
 * 4. bridges — while a bridge runs, arbitrage holds its asset's pool at the peg after the block's sales; a
 *    halted one leaves the pool to them (`createBridge`);
 * 5. recursion — the next block sees the prices these sales left, until nothing happens for a few blocks
 *    after the shock (a fixed point), the price collapses, a pool runs out of liquidity (`pool-drained`),
 *    or `maxBlocks` is reached.
 *
 * @param initial - the starting state (not modified).
 * @param options - the shock path, block limit, seed and callbacks.
 * @returns rounds, events, totals, losses per protocol and the final state.
 * @example
 * const state = buildCascadeState(scenario);
 * const result = runCascade(state, { shock: shockMultipliers(scenario.shock, 12), maxBlocks: 600, seed: 1 });
 */
/** How far interest may move balances (relative) before the liquidators' float keys are recomputed. */
const KEY_DRIFT = 1e-7;

export function runCascade(initial: CascadeState, options: RunCascadeOptions): CascadeResult {
  const state = copyState(initial);
  const ctx = createCascadeContext(state, options);
  const liquidators = createLiquidators(ctx);
  const race = createRace(ctx);
  const markets = state.markets.map((market) => createLendingMarket({ market, ctx, liquidators }));
  for (const vault of markets.flatMap((m) => m.vaults?.() ?? [])) ctx.vaults.set(vault.symbol, vault);
  const bridges = createBridges(ctx, markets, (mi, index) => queues.rescore(mi, index));
  const modules = (state.safetyModules ?? []).map((m) =>
    createSafetyModule(m, ctx, markets.find((x) => x.id === m.market)!),
  );
  let queues = createLiquidationQueues(markets);
  const dao = state.dao && createCascadeDao(ctx, markets, initial, options);
  let drift = 0;
  const rng = createRng(options.seed ^ 0x5eed);
  const startPrice = state.priceHistory[state.priceHistory.length - 1]!;
  // Each asset's market price per block: the reference pool's, a pegged asset's own pool's times it.
  const series = createMarketSeries(state.pegs);
  const pegPool = (p: PegModel) => poolById(state, p.poolId);
  series.record(0, poolById(state, state.referencePoolId), pegPool);
  const marketE8 = series.underlying;
  const quietNeeded = quietBlocksNeeded(state);
  const blocksPerYear = BLOCKS_PER_YEAR_OF(state.blockTimeSeconds);
  const rounds: RoundRecord[] = [];
  let quiet = 0;
  let minPrice = startPrice;
  let peak = startPrice;
  let stopReason: CascadeResult["stopReason"] = "max-blocks";
  let drainedPool: CascadeResult["drainedPool"];
  for (let block = 1; block <= options.maxBlocks; block++) {
    state.block = block;
    ctx.block = block;
    ctx.round = emptyRound();
    // Interest moves every balance a little each block (the exact math always sees it); the liquidators'
    // float keys are recomputed once the moves add up to KEY_DRIFT, a float tolerance of the kind their
    // keys and bounds already carry, rather than every block (a rebuild is O(positions)).
    for (const m of markets) drift += m.accrue(block * state.blockTimeSeconds);
    if (drift > KEY_DRIFT) {
      queues = createLiquidationQueues(markets);
      drift = 0;
    }
    const shockFlow = applyShock(ctx, options.shock);
    arbitragePools(ctx);
    series.record(block, poolById(state, state.referencePoolId), pegPool);
    const marketPrice = Number(marketE8[block]!) / 1e8;
    state.priceHistory.push(marketPrice);
    ctx.underlyingPriceE8 = marketE8[block]!;
    const oraclesBefore = state.oracles;
    let activity = updateOracles(ctx, series.of);
    // The liquidators' keys price every asset but the underlying (and what moves with it, an exchange-rate
    // pegged asset) at its oracle: when such a price moves (a market-priced pegged asset), rebuild them.
    // So do positions whose debt moves with the underlying more than their collateral, once its price
    // rises to where they turn liquidatable.
    if (
      state.oracles.some(
        (o, i) =>
          o !== oraclesBefore[i] && o.symbol !== state.underlying.symbol && o.policy.kind !== "exchange-rate",
      ) ||
      ctx.prices.usd(state.underlying.symbol) >= queues.riseMin
    )
      queues = createLiquidationQueues(markets);
    // Risk stewards (when realised volatility crosses their levels) and the DAO cut collateral terms: every
    // key moves. The DAO's delays hold liquidations (no fixed point while they do); its fund buys after them.
    const stewarded = !!state.riskStewards && stewardRisk(ctx, markets, blocksPerYear);
    const daoStage = dao?.beforeLiquidations();
    if (stewarded || daoStage?.reconfigured) queues = createLiquidationQueues(markets);
    peak = Math.max(peak, marketPrice);
    const market = { marketPrice, drawdown: 1 - marketPrice / peak };
    const books = rehedgeBooks(ctx, market, blocksPerYear);
    const perps = markPerps(ctx, market);
    let raceRound: RaceRound | undefined;
    let liquidations: LiquidationStageResult;
    if (race) {
      const raced = raceLiquidations(ctx, markets, queues, race);
      raceRound = raced.round;
      liquidations = raced;
    } else liquidations = liquidatePositions(ctx, markets, queues, liquidators, rng);
    if (options.onLiquidatable)
      for (const m of markets) if (m.liquidatable) options.onLiquidatable(block, m.id, m.liquidatable());
    const daoActed = dao?.afterLiquidations() || daoStage?.holding;
    activity ||= books.activity || perps.activity || liquidations.activity || !!daoActed;
    // Last, the bridges: arbitrage back to the peg after the block's sales, the halt, exit sales.
    for (const bridge of bridges) activity = bridge.endOfBlock() || activity;
    // Then the safety modules: their tokens follow the crash, their slashed stake is sold for the losses.
    for (const module of modules) activity = module.endOfBlock() || activity;

    ctx.totals.liquidations += ctx.round.liquidations;
    ctx.totals.valueLiquidatedUsd += ctx.round.liquidatedDebtUsd;
    ctx.totals.collateralSoldUsd += ctx.round.collateralSoldUsd;
    if (ctx.round.liquidations > 0 || ctx.round.collateralSoldUsd > 0) activity = true;
    const endPrice = Number(poolPriceE8(poolById(state, state.referencePoolId))) / 1e8;
    minPrice = Math.min(minPrice, endPrice, marketPrice);
    const round: RoundRecord = {
      block,
      timeSeconds: block * state.blockTimeSeconds,
      marketPrice,
      oraclePrice: ctx.prices.usd(state.underlying.symbol),
      shockFlowUnderlying: shockFlow,
      hedgeFlowUnderlying: books.flowUnderlying,
      perpFlowUnderlying: perps.flowUnderlying,
      liquidations: ctx.round.liquidations,
      liquidatedDebtUsd: ctx.round.liquidatedDebtUsd,
      collateralSoldUnderlying: ctx.round.collateralSoldUnderlying,
      collateralSoldUsd: ctx.round.collateralSoldUsd,
      backlog: ctx.round.backlog,
      ...losses(ctx, markets, modules),
      volMultiplier: books.volMultiplier,
      marketMakerEquityUsd: books.equitiesUsd,
      gexUsdPer1Pct: books.gexUsdPer1Pct,
      ...(raceRound ? { race: raceRound } : {}),
      ...(ctx.round.parameterChanges.length > 0 ? { parameterChanges: ctx.round.parameterChanges } : {}),
      ...(state.pegs.length > 0
        ? {
            pegPrices: Object.fromEntries(
              state.pegs.map((p) => [p.symbol, Number(poolPriceE8(poolById(state, p.poolId))) / 1e8]),
            ),
          }
        : {}),
    };
    rounds.push(round);
    options.onRound?.(round);

    if (endPrice < startPrice * 1e-6) {
      stopReason = "price-collapsed";
      break;
    }
    const drained = state.pools.find(isPoolDrained);
    if (drained) {
      stopReason = "pool-drained";
      drainedPool = { id: drained.id, block };
      break;
    }
    const shockOver = block >= options.shock.length - 1;
    quiet = activity || liquidations.capacityBacklog > 0 ? 0 : quiet + 1;
    if (shockOver && quiet >= quietNeeded) {
      stopReason = "fixed-point";
      break;
    }
  }
  return {
    ...result(ctx, markets, rounds, { stopReason, startPrice, minPrice }, modules),
    ...(drainedPool ? { drainedPool } : {}),
    ...marketOutcomesOf(markets),
    ...contagionOf(ctx, markets),
    ...backstopsOf(markets),
    ...(bridges.length > 0 ? { bridges: bridges.map((b) => b.outcome()) } : {}),
    ...(dao ? { dao: dao.outcome() } : {}),
    ...(race ? { race: { bots: race.bots.map(botTotals) } } : {}),
  };
}

/**
 * The scenario's DAO in this cascade, with its live-SSF probe: this cascade from block 0 with a further
 * fall from this block on, its margin cuts so far replayed; failing as the SSF search fails (a protocol's
 * losses above its fund).
 */
function createCascadeDao(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  initial: CascadeState,
  options: RunCascadeOptions,
) {
  const policy = ctx.state.dao!;
  return createDao(ctx, markets, {
    policy,
    probe: (furtherFall, tightenings) =>
      failingProtocols(
        runCascade(initial, {
          shock: furtherFallPath(options.shock, ctx.block, furtherFall, policy.margins?.rampBlocks ?? 1),
          maxBlocks: options.maxBlocks,
          seed: options.seed,
          recordEvents: false,
          daoReplay: { untilBlock: ctx.block, tightenings: [...tightenings] },
        }),
      ).length > 0,
    ...(options.daoReplay ? { replay: options.daoReplay } : {}),
  });
}

/** The protocols whose losses exceed their funds (the SSF's verdict of a cascade). */
export function failingProtocols(result: CascadeResult): string[] {
  return Object.entries(result.totals.badDebtByProtocol)
    .filter(([, l]) => l.totalUsd > l.insuranceFundUsd)
    .map(([id]) => id);
}

/** What the markets report of their liquidations beside the totals: those blocked, the aTokens held (each absent when none). */
function marketOutcomesOf(
  markets: readonly LendingMarket[],
): Pick<CascadeResult, "blockedLiquidations" | "heldATokens"> {
  return { ...blockedOf(markets), ...heldOf(markets) };
}

/** The markets' staked backstops and what they covered (absent when none has one). */
function backstopsOf(markets: readonly LendingMarket[]): Pick<CascadeResult, "backstops"> {
  const backstops = markets.flatMap((m) => m.backstops?.() ?? []);
  return backstops.length > 0 ? { backstops } : {};
}

/** The scenario's bridges, each with the market its margin top-ups go to (rescored through the queues). */
function createBridges(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  rescore: (mi: number, index: number) => void,
): Bridge[] {
  return (ctx.state.bridges ?? []).map((b) => {
    const mi = markets.findIndex((m) => m.id === b.topUps?.market);
    return createBridge(
      b,
      ctx,
      mi < 0 ? undefined : { market: markets[mi]!, rescore: (i) => rescore(mi, i) },
    );
  });
}

/** Which token each market's losses came through (absent when nothing was lost). */
function contagionOf(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
): Pick<CascadeResult, "contagion"> {
  const contagion = tallyContagion(ctx.state, markets, ctx.prices.usd, ctx.vaults);
  return contagion.losses.length > 0 ? { contagion } : {};
}

/** The markets' blocked liquidations, in block order (absent when none). */
function blockedOf(markets: readonly LendingMarket[]): Pick<CascadeResult, "blockedLiquidations"> {
  const blocked = markets.flatMap((m) => m.blocked?.() ?? []).sort((a, b) => a.block - b.block);
  return blocked.length > 0 ? { blockedLiquidations: blocked } : {};
}

/** The aTokens the markets' liquidators took and unwound (absent when none were taken). */
function heldOf(markets: readonly LendingMarket[]): Pick<CascadeResult, "heldATokens"> {
  const held = markets.flatMap((m) => m.heldATokens?.() ?? []);
  return held.length > 0 ? { heldATokens: held } : {};
}

/** A copy of the state that the cascade may change without touching `initial`. */
function copyState(initial: CascadeState): CascadeState {
  return {
    ...initial,
    pools: [...initial.pools],
    oracles: [...initial.oracles],
    markets: initial.markets.map((m) => ({ ...m, positions: [...m.positions] }) as typeof m),
    books: initial.books.map((b) => ({ ...b })),
    perps: initial.perps.map((v) => ({ ...v, positions: v.positions.map((p) => ({ ...p })) })),
    priceHistory: [...initial.priceHistory],
    ...(initial.riskStewards ? { riskStewards: initial.riskStewards.map((s) => ({ ...s })) } : {}),
  };
}

/** Quiet blocks after the shock that make a fixed point: the oracles' latency and TWAP window, plus 2. */
function quietBlocksNeeded(state: CascadeState): number {
  const maxLatency = Math.max(
    0,
    ...state.oracles.map((o) => ("latencyBlocks" in o.policy ? o.policy.latencyBlocks : 0)),
  );
  const twapWindow = Math.max(
    0,
    ...state.oracles.map((o) => (o.policy.kind === "twap" ? o.policy.windowBlocks : 0)),
  );
  return maxLatency + twapWindow + 2;
}

/** The round's cumulative realised losses, in all and per protocol, and each fund left (markets, then perp venues). */
function losses(ctx: CascadeContext, markets: readonly LendingMarket[], modules: readonly SafetyModule[]) {
  let badDebtUsd = 0;
  const realizedLossUsd: Record<string, number> = {};
  const insuranceLeftUsd: Record<string, number> = {};
  for (const m of markets) {
    realizedLossUsd[m.id] = m.realizedUsd();
    badDebtUsd += realizedLossUsd[m.id]!;
    const raised = modules.find((x) => x.model.market === m.id)?.raisedUsd() ?? 0;
    insuranceLeftUsd[m.id] = m.model.insuranceFundUsd + raised - m.realizedUsd();
  }
  for (const v of ctx.state.perps) {
    realizedLossUsd[v.id] = v.initialInsuranceFundUsd - v.insuranceFundUsd + v.adlUsd;
    badDebtUsd += realizedLossUsd[v.id]!;
    insuranceLeftUsd[v.id] = v.insuranceFundUsd;
  }
  return { badDebtUsd, realizedLossUsd, insuranceLeftUsd };
}

function result(
  ctx: CascadeContext,
  markets: readonly LendingMarket[],
  rounds: RoundRecord[],
  run: { stopReason: CascadeResult["stopReason"]; startPrice: number; minPrice: number },
  modules: readonly SafetyModule[],
): CascadeResult {
  const { state } = ctx;
  const finalPrice = Number(poolPriceE8(poolById(state, state.referencePoolId))) / 1e8;
  // A safety module adds to its market's fund what it raised and what the rest of its stake would fetch now.
  const outcomes = modules.map((m) => m.outcome());
  const backstopUsd = (id: string) => outcomes.find((o) => o.market === id)?.valueUsd ?? 0;
  const badDebtByProtocol = tallyLosses(state, markets, ctx.prices.usd, backstopUsd);
  const badDebtUsd = Object.values(badDebtByProtocol).reduce(
    (s, l) => s + l.realizedUsd + l.insolventOpenUsd,
    0,
  );
  return {
    stopReason: run.stopReason,
    blocks: rounds.length,
    rounds,
    events: ctx.events,
    totals: {
      valueLiquidatedUsd: ctx.totals.valueLiquidatedUsd,
      collateralSoldUsd: ctx.totals.collateralSoldUsd,
      liquidations: ctx.totals.liquidations,
      hedgeVolumeUnderlying: ctx.totals.hedgeVolumeUnderlying,
      badDebtUsd,
      badDebtByProtocol,
      perpLiquidations: ctx.totals.perpLiquidations,
      perpAdlUsd: state.perps.reduce((s, v) => s + v.adlUsd, 0),
      startPrice: run.startPrice,
      finalPrice,
      minPrice: Math.min(run.minPrice, finalPrice),
    },
    finalState: state,
    work: ctx.work,
    ...(outcomes.length > 0 ? { safetyModules: outcomes } : {}),
  };
}

/** A bot's totals, with what a bot with capital of its own holds at the end on each Aave market. */
function botTotals(bot: Bot): BotTotals {
  if (!bot.inventories) return bot.totals;
  const inventory = Object.fromEntries(
    [...bot.inventories].map(([market, held]) => [
      market,
      Object.fromEntries([...held].map(([symbol, units]) => [symbol, String(units)])),
    ]),
  );
  return { ...bot.totals, inventory };
}
