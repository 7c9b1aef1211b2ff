import { inSeries } from "../chain/inSeries.js";
import { loadArtifact } from "../chain/loadArtifact.js";
import type { Chain } from "../chain/types.js";
import type { AaveMarketModel, CascadeState, MarketModel, PoolModel } from "../model/cascade/types.js";
import { readAaveEModeCategories } from "../protocols/aave/readAaveEModeCategories.js";
import { readAaveMarket } from "../protocols/aave/readAaveMarket.js";
import { ARTIFACTS } from "../protocols/artifactIds.js";
import { readCometMarket } from "../protocols/compound/readCometMarket.js";
import { readMorphoMarketModel } from "../protocols/morpho/readMorphoMarketModel.js";
import type { AddressBook } from "../protocols/types.js";
import { readUniswapV3Pool } from "../protocols/uniswap/readUniswapV3Pool.js";

/**
 * The model's state read back off the chain: every pool in the address book (slot0, liquidity, ticks),
 * every Aave market (reserve parameters, indices, scaled positions, collateral bits) and every feed's
 * latest answer replace the corresponding parts of `base`; what has no on-chain form here (option books,
 * perps, model-only markets, policies) is kept from `base`. The model then starts from exactly the chain.
 *
 * @param chain - a running chain.
 * @param parameters - address book, the state to complete, how far to read pools' ticks.
 * @returns a new CascadeState.
 */
export async function readCascadeState(
  chain: Chain,
  parameters: {
    book: AddressBook;
    base: CascadeState;
    /** Tick-bitmap words to read on each side of a pool's price, per pool id; absent: every word. */
    poolWordRadius?: Record<string, number>;
  },
): Promise<CascadeState> {
  const { book, base } = parameters;
  const pools: PoolModel[] = await inSeries(base.pools, async (pool) => {
    const pair = book.uniswapV2?.pools[pool.id]?.address;
    if (pair && pool.kind === "uniswap-v2") {
      const [reserve0, reserve1] = (await chain.client.readContract({
        address: pair,
        abi: loadArtifact(ARTIFACTS.uniswapV2Pair).abi,
        functionName: "getReserves",
      })) as readonly [bigint, bigint, number];
      return { ...pool, state: { ...pool.state, reserve0, reserve1 } };
    }
    const address = book.uniswapV3.pools[pool.id]?.address;
    if (!address || pool.kind !== "uniswap-v3") return pool;
    const wordRadius = parameters.poolWordRadius?.[pool.id];
    const read = await readUniswapV3Pool(chain, {
      lens: book.harness.uniswapLens,
      pool: address,
      ...(wordRadius !== undefined ? { wordRadius } : {}),
    });
    return { ...pool, state: read.state };
  });
  const markets: MarketModel[] = await inSeries(base.markets, async (market): Promise<MarketModel> => {
    const comet = book.compound?.[market.id];
    if (comet && market.kind === "compound-v3")
      return (
        await readCometMarket(chain, {
          lens: book.harness.cometLens!,
          comet: comet.comet,
          assets: comet.assets,
          feeds: market.market.assets.map((a) => book.feeds[a.symbol]!),
          accounts: book.borrowers[market.id]!,
          base: market,
          configuration: true,
        })
      ).market;
    const morpho = book.morpho?.[market.id];
    if (morpho && market.kind === "morpho-blue")
      return await readMorphoMarketModel(chain, {
        addresses: morpho,
        accounts: book.borrowers[market.id]!,
        base: market,
      });
    const addresses = book.aave[market.id];
    if (!addresses || market.kind !== "aave-v3") return market;
    const read = await readAaveMarket(chain, {
      lens: book.harness.aaveLens,
      pool: addresses.pool,
      assets: market.reserves.map((r) => ({ symbol: r.symbol, asset: book.tokens[r.symbol]!.address })),
      users: market.positions.map((p, i) => ({ id: p.id, address: book.borrowers[market.id]![i]! })),
    });
    const reserves = read.reserves.map(({ asset: _a, id: _i, aToken: _t, variableDebtToken: _d, ...r }) => r);
    // The Pool's own e-mode categories (on a fork, its users may be in one).
    const eModeCategories = await readAaveEModeCategories(chain, {
      lens: book.harness.aaveLens,
      pool: addresses.pool,
      reserveIds: read.reserves.map((r) => r.id),
      profile: market.profile,
      assets: read.reserves.map((r) => r.asset),
    });
    return { ...market, reserves, eModeCategories, positions: read.positions } satisfies AaveMarketModel;
  });
  const feedAbi = loadArtifact("oracle/SettableAggregator").abi;
  const oracles = await inSeries(base.oracles, async (o) => {
    const feed = book.feeds[o.symbol];
    if (!feed) return o;
    const priceE8 = (await chain.client.readContract({
      address: feed,
      abi: feedAbi,
      functionName: "latestAnswer",
    })) as bigint;
    return { ...o, priceE8 };
  });
  return { ...base, pools, markets, oracles };
}
