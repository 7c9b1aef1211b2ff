import type { ReserveTermsBy } from "../markets/aave/setAaveReserveTerms.js";
import type { CollateralVault } from "../markets/types.js";
import { poolById } from "./poolById.js";
import { poolPriceE8 } from "./poolPrice.js";
import type { CascadeAction, CascadeEvent, CascadeResult, CascadeState, RunCascadeOptions } from "./types.js";

/** What one block's stages add up (reset at the start of every block). */
export type RoundTally = {
  liquidations: number;
  liquidatedDebtUsd: number;
  collateralSoldUnderlying: number;
  collateralSoldUsd: number;
  /** Liquidatable positions left for later blocks: over capacity or unprofitable. */
  backlog: number;
  /** Risk stewards' updates this block. */
  parameterChanges: ParameterChange[];
};

/** One update (a risk steward's, the DAO's) of a reserve's collateral terms. */
export type ParameterChange = {
  market: string;
  asset: string;
  /** Who changed them. */
  by: ReserveTermsBy;
  /** A steward's: the realised volatility that made it act. */
  realisedVol?: number;
  ltvBps: number;
  liquidationThresholdBps: number;
};

/**
 * Oracle prices as the protocols read them, converted once per oracle update (an update replaces
 * `state.oracles`, which resets every cache here).
 */
export type OraclePrices = {
  /** The oracle's price, 8 decimals. */
  e8(symbol: string): bigint;
  /** The same as a float, USD. */
  usd(symbol: string): number;
  /** Prices of a list of symbols, cached per `owner` (a market) until the oracles change; do not mutate. */
  listE8(owner: object, symbols: () => readonly string[]): readonly bigint[];
  listUsd(owner: object, symbols: () => readonly string[]): readonly number[];
};

/** The state every stage of a block reads and writes, passed explicitly from stage to stage. */
export type CascadeContext = {
  state: CascadeState;
  block: number;
  /** The reference pool's price after this block's shock and arbitrage, 8 decimals. */
  underlyingPriceE8: bigint;
  prices: OraclePrices;
  events: CascadeEvent[];
  recordEvents: boolean;
  provenUnprofitableSkip: boolean;
  work: CascadeResult["work"];
  totals: {
    valueLiquidatedUsd: number;
    collateralSoldUsd: number;
    liquidations: number;
    perpLiquidations: number;
    hedgeVolumeUnderlying: number;
  };
  round: RoundTally;
  onAction: ((action: CascadeAction) => void) | undefined;
  /** Tokens markets issue and other markets hold as collateral, by symbol (filled once the markets exist). */
  vaults: Map<string, CollateralVault>;
  /** Markets whose liquidations wait this block (the DAO's liquidation delay): liquidators skip them. */
  liquidationHolds: Set<string>;
};

/** An empty round tally. */
export function emptyRound(): RoundTally {
  return {
    liquidations: 0,
    liquidatedDebtUsd: 0,
    collateralSoldUnderlying: 0,
    collateralSoldUsd: 0,
    backlog: 0,
    parameterChanges: [],
  };
}

/**
 * The context of a cascade over `state` (already a copy the cascade may change).
 *
 * @param state - the cascade's own state.
 * @param options - the run's options (events, the float skip, the action callback).
 * @returns a context at block 0.
 * @example const ctx = createCascadeContext(state, { shock, maxBlocks: 600, seed: 1 });
 */
export function createCascadeContext(state: CascadeState, options: RunCascadeOptions): CascadeContext {
  const e8 = (symbol: string) => state.oracles.find((o) => o.symbol === symbol)!.priceE8;
  const fresh = () => ({
    oracles: state.oracles,
    usd: new Map<string, number>(),
    e8ByOwner: new Map<object, bigint[]>(),
    usdByOwner: new Map<object, number[]>(),
  });
  let priced = fresh();
  const now = () => {
    if (priced.oracles !== state.oracles) priced = fresh();
    return priced;
  };
  const usd = (symbol: string) => remember(now().usd, symbol, () => Number(e8(symbol)) / 1e8);
  return {
    state,
    block: 0,
    underlyingPriceE8: poolPriceE8(poolById(state, state.referencePoolId)),
    prices: {
      e8,
      usd,
      listE8: (owner, symbols) => remember(now().e8ByOwner, owner, () => symbols().map(e8)),
      listUsd: (owner, symbols) => remember(now().usdByOwner, owner, () => symbols().map(usd)),
    },
    events: [],
    recordEvents: options.recordEvents ?? true,
    provenUnprofitableSkip: options.provenUnprofitableSkip ?? true,
    work: { aaveAttempts: 0, provenUnprofitable: 0 },
    totals: {
      valueLiquidatedUsd: 0,
      collateralSoldUsd: 0,
      liquidations: 0,
      perpLiquidations: 0,
      hedgeVolumeUnderlying: 0,
    },
    round: emptyRound(),
    onAction: options.onAction,
    vaults: new Map(),
    liquidationHolds: new Set(),
  };
}

/** map.get(key), computing and storing it first if absent. */
function remember<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    map.set(key, value);
  }
  return value;
}
