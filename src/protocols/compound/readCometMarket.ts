import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { CompoundMarketModel } from "../../model/cascade/types.js";
import { readCometConfiguration } from "./readCometConfiguration.js";

/** One read of a Comet market through CometLens: the model's state as the chain holds it, and Comet's own verdicts. */
export type CometRead = {
  market: CompoundMarketModel;
  /** Comet's isLiquidatable per account, in position order. */
  liquidatable: boolean[];
  /** Each account's `assetsIn` bitmap (a bit per collateral it holds, by Comet's asset offset). */
  assetsIn: number[];
  /** Prices Comet reads (8 decimals): base, then each asset. */
  pricesE8: { base: bigint; assets: bigint[] };
  reserves: bigint;
};

/** What CometLens reads a Comet market through: the lens, the Comet, its collateral assets and their feeds, the accounts. */
export type CometLensTarget = {
  lens: Address;
  comet: Address;
  assets: readonly Address[];
  feeds: readonly Address[];
  accounts: readonly Address[];
};

/**
 * Reads a Comet market's stored totals and indices, its base balance and collateral reserves, and every
 * account's principal and collateral, in one eth_call (CometLens), into the model's shape; the accrual time
 * is given relative to the latest block (the cascade's block 0 when read at the start). With
 * `configuration`, the market's parameters (scales, factors, storefront factor, target reserves, rates) are
 * read too and replace the model's, so a fork's market is the chain's own, not the scenario's.
 *
 * @param chain - the chain.
 * @param parameters - the lens, the market's addresses and feeds, the accounts, the model market it updates.
 * @returns the market as read, with Comet's own isLiquidatable and prices.
 */
export async function readCometMarket(
  chain: Chain,
  parameters: CometLensTarget & {
    base: CompoundMarketModel;
    configuration?: boolean;
    /**
     * Read only these accounts (indices into `accounts`): the others keep `base`'s positions, and
     * `liquidatable` / `assetsIn` then hold the accounts read, in this order.
     */
    only?: readonly number[];
  },
): Promise<CometRead> {
  const only = parameters.only;
  const asked = only ? only.map((i) => parameters.accounts[i]!) : parameters.accounts;
  // One request at a time: two at once over the node's WebSocket stall ~40 ms (TCP delayed ACK), which
  // cost the per-block scan more than the reads themselves.
  const [market, accounts] = await (chain.client.readContract({
    address: parameters.lens,
    abi: loadArtifact("compound/CometLens").abi,
    functionName: "read",
    args: [parameters.comet, parameters.assets, parameters.feeds, asked],
  }) as Promise<
    readonly [
      {
        totals: {
          baseSupplyIndex: bigint;
          baseBorrowIndex: bigint;
          totalSupplyBase: bigint;
          totalBorrowBase: bigint;
          lastAccrualTime: number | bigint;
        };
        baseBalance: bigint;
        reserves: bigint;
        basePrice: bigint;
        assetPrices: readonly bigint[];
        collateralReserves: readonly bigint[];
      },
      readonly {
        liquidatable: boolean;
        principal: bigint;
        assetsIn: number;
        collateral: readonly bigint[];
      }[],
    ]
  >);
  const block = await chain.client.getBlock();
  const configuration = parameters.configuration
    ? await readCometConfiguration(chain, parameters)
    : undefined;
  const base = parameters.base;
  const t = market.totals;
  return {
    market: {
      ...base,
      market: {
        ...base.market,
        ...(configuration
          ? {
              baseScale: configuration.baseScale,
              storeFrontPriceFactor: configuration.storeFrontPriceFactor,
              targetReserves: configuration.targetReserves,
              rates: configuration.rates,
              assets: base.market.assets.map((a, i) => {
                const info = configuration.assets[i]!;
                return {
                  symbol: a.symbol,
                  scale: info.scale,
                  borrowCollateralFactor: info.borrowCollateralFactor,
                  liquidateCollateralFactor: info.liquidateCollateralFactor,
                  liquidationFactor: info.liquidationFactor,
                };
              }),
            }
          : {}),
        baseSupplyIndex: t.baseSupplyIndex,
        baseBorrowIndex: t.baseBorrowIndex,
        totalSupplyBase: t.totalSupplyBase,
        totalBorrowBase: t.totalBorrowBase,
        lastAccrualSeconds: BigInt(t.lastAccrualTime) - block.timestamp,
        baseBalance: market.baseBalance,
        collateralReserves: [...market.collateralReserves],
      },
      positions: only
        ? positionsWith(base, only, accounts)
        : base.positions.map((p, i) => ({
            id: p.id,
            principal: accounts[i]!.principal,
            collateral: [...accounts[i]!.collateral],
          })),
    },
    liquidatable: accounts.map((a) => a.liquidatable),
    assetsIn: accounts.map((a) => Number(a.assetsIn)),
    pricesE8: { base: market.basePrice, assets: [...market.assetPrices] },
    reserves: market.reserves,
  };
}

/** `base`'s positions with those at `only` replaced by the accounts read (in `only`'s order). */
function positionsWith(
  base: CompoundMarketModel,
  only: readonly number[],
  accounts: readonly { principal: bigint; collateral: readonly bigint[] }[],
): CompoundMarketModel["positions"] {
  const positions = [...base.positions];
  only.forEach((index, k) => {
    positions[index] = {
      id: base.positions[index]!.id,
      principal: accounts[k]!.principal,
      collateral: [...accounts[k]!.collateral],
    };
  });
  return positions;
}
