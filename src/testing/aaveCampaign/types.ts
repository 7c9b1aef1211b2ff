import type { Address } from "viem";
import type { Chain } from "../../chain/types.js";
import type { V3PoolState } from "../../model/amm/v3/types.js";
import type { AavePoolModel, AavePosition } from "../../model/lending/aave/types.js";

/** The chain side of the exactness campaign: the Pool, its lens, its assets and feeds, and the actors. */
export type CampaignChain = {
  chain: Chain;
  pool: Address;
  lens: Address;
  assets: readonly { symbol: string; asset: Address; decimals: number; feed: Address }[];
  /** Who may set the feeds. */
  feedAdmin: Address;
  /** Users first, then liquidators: the model's positions are in this order. */
  actors: readonly Address[];
  users: number;
  /** The feeds' prices when the campaign opened (price moves stay within 1/20× and 20× of them). */
  startPrices: readonly bigint[];
  /**
   * The world's Uniswap V3 pool that random swaps trade on (through PoolSwapper, from `trader`): its
   * tokens by the market's reserve index, so a swap can set a reserve's feed to the pool's price.
   */
  amm: {
    address: Address;
    swapper: Address;
    trader: Address;
    token0: { symbol: string; decimals: number };
    token1: { symbol: string; decimals: number };
  };
};

/** What the campaign counted, for the report (and the test's floors). */
export type CampaignStats = {
  steps: number;
  byKind: Record<string, { sent: number; succeeded: number }>;
  liquidations: {
    sent: number;
    succeeded: number;
    receiveAToken: number;
    partial: number;
    eMode: number;
    multiAsset: number;
    deficit: number;
    cashShortReverts: number;
  };
  reverts: Record<string, number>;
};

/** The model side: the pool at its clock, every actor's position, the clock's origin (a block time). */
export type CampaignModel = {
  pool: AavePoolModel;
  positions: AavePosition[];
  /** The block time the model's clock counts from (`pool.nowSeconds` is relative to it). */
  origin: bigint;
  /** The Uniswap pool as the model's exact swap math leaves it (chain: CampaignChain.amm). */
  amm: V3PoolState;
  stats: CampaignStats;
};
