import type { Address } from "viem";
import type { Chain } from "../../chain/types.js";
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
  stats: CampaignStats;
};
