import type { V2PoolState } from "../amm/v2/types.js";
import type { SwapReturnType } from "../amm/v3/swap.js";
import type { V3PoolState } from "../amm/v3/types.js";
import type { AavePosition, AaveReserve, AaveVersionProfile } from "../lending/aave/types.js";
import type { CometMarket, CometPosition } from "../lending/compound/types.js";
import type { OptionBook } from "../options/types.js";
import type { Scenario } from "../scenario/schema.js";

export type TokenInfo = { symbol: string; decimals: number };

/** A pool between the underlying and the quote; the model and chain agree on which is token0. */
export type PoolModel = {
  id: string;
  underlyingIsToken0: boolean;
  token0: TokenInfo;
  token1: TokenInfo;
} & (
  | {
      kind: "uniswap-v3";
      state: V3PoolState;
      /** The liquidity positions the pool was built from (the replica mints exactly these). */
      mints: { tickLower: number; tickUpper: number; liquidity: bigint }[];
    }
  | { kind: "uniswap-v2"; state: V2PoolState }
);

export type OraclePolicy = Scenario["oracles"][number]["policy"];

/** A push oracle: the price protocols read (8 decimals) and when it was last pushed. */
export type OracleModel = { symbol: string; policy: OraclePolicy; priceE8: bigint; lastPushBlock: number };

export type AaveMarketModel = {
  id: string;
  kind: "aave-v3";
  profile: AaveVersionProfile;
  reserves: AaveReserve[];
  positions: AavePosition[];
  insuranceFundUsd: number;
};

export type CompoundMarketModel = {
  id: string;
  kind: "compound-v3";
  market: CometMarket;
  positions: CometPosition[];
  insuranceFundUsd: number;
};

export type MarketModel = AaveMarketModel | CompoundMarketModel;

export type BookModel = {
  book: OptionBook;
  poolId: string;
  capitalUsd: number;
  onCapitalExhausted: "stop" | "liquidate";
  hedgeIntervalBlocks: number;
  minHedgeUnderlying: number;
  realisedWindowBlocks: number;
  /** Spot held as the hedge, underlying wei (signed). */
  hedgeWei: bigint;
  /** Cash from hedge trades, quote units (signed). */
  cashQuote: bigint;
  /** Book value at the start, USD: equity counts changes from here. */
  initialBookValueUsd: number;
  active: boolean;
};

export type PerpPosition = {
  id: string;
  side: 1 | -1;
  size: number;
  entry: number;
  margin: number;
  open: boolean;
};

export type PerpVenueModel = {
  id: string;
  poolId: string;
  maintenanceMarginRatio: number;
  insuranceFundUsd: number;
  initialInsuranceFundUsd: number;
  spotPassThrough: number;
  basisPerDrawdown: number;
  positions: PerpPosition[];
  adlUsd: number;
};

/** The whole model state at one block: what the cascade reads and writes. */
export type CascadeState = {
  block: number;
  blockTimeSeconds: number;
  underlying: TokenInfo;
  quote: TokenInfo;
  pools: PoolModel[];
  referencePoolId: string;
  arbitrage: boolean;
  oracles: OracleModel[];
  markets: MarketModel[];
  books: BookModel[];
  perps: PerpVenueModel[];
  liquidators: Scenario["liquidators"];
  /** Market (reference pool) price per block, USD, from block 0. */
  priceHistory: number[];
};

export type { SwapReturnType };
