import { type Address, parseAbi } from "viem";
import { impersonate } from "../../chain/impersonate.js";
import { roleAddress } from "../../chain/roleAddress.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import type { Replica } from "../../harness/deployReplica.js";
import type { V3PoolState } from "../../model/amm/v3/types.js";
import { readAaveEModeCategories } from "../../protocols/aave/readAaveEModeCategories.js";
import { mintTestToken } from "../../protocols/tokens/mintTestToken.js";
import { emptyCampaignStats } from "./emptyCampaignStats.js";
import { readCampaignState } from "./readCampaignState.js";
import type { CampaignChain, CampaignModel } from "./types.js";

const LARGE = 1n << 160n;

/**
 * Opens the campaign on a freshly reset replica: `users` + `liquidators` impersonated actors, each holding
 * plenty of every reserve's token approved to the Pool, and the model read off the Pool (its reserves,
 * e-mode categories, prices, the actors' empty positions), its clock starting at the last block's time.
 *
 * @param chain - the replica's chain, just reset.
 * @param replica - the replica (its first Aave market is the campaign's).
 * @param counts - how many users and liquidators, and the e-mode category each user starts in (by index;
 *   0 or absent: none), read back with the rest.
 * @returns the chain side and the model side.
 */
export async function openCampaign(
  chain: Chain,
  replica: Replica,
  counts: { users: number; liquidators: number; eModeAtStart?: readonly number[] },
): Promise<{ real: CampaignChain; model: CampaignModel }> {
  const market = Object.values(replica.book.aave)[0]!;
  const marketModel = replica.state.markets.find((m) => m.kind === "aave-v3")!;
  const assets = marketModel.reserves.map((r) => ({
    symbol: r.symbol,
    asset: replica.book.tokens[r.symbol]!.address,
    decimals: r.decimals,
    feed: replica.book.feeds[r.symbol]!,
  }));
  const actors = Array.from({ length: counts.users + counts.liquidators }, (_, i) =>
    roleAddress(i < counts.users ? `campaign:user:${i}` : `campaign:liquidator:${i - counts.users}`),
  );
  for (const actor of actors) {
    await impersonate(chain, actor);
    for (const a of assets)
      await mintTestToken(chain, { token: a.asset, to: actor, amount: LARGE, spender: market.pool });
  }
  // Users who start in an e-mode category (before they hold anything, which any category allows).
  for (const [k, id] of (counts.eModeAtStart ?? []).entries())
    if (id !== 0)
      await writeContract(chain, {
        from: actors[k]!,
        address: market.pool,
        abi: parseAbi(["function setUserEMode(uint8 categoryId)"]),
        functionName: "setUserEMode",
        args: [id],
      });
  const partial = {
    chain,
    pool: market.pool,
    lens: replica.book.harness.aaveLens,
    assets,
    feedAdmin: replica.book.roles.deployer,
    actors,
    users: counts.users,
  };
  const read = await readCampaignState(partial);
  const eModeCategories = await readAaveEModeCategories(chain, {
    lens: partial.lens,
    pool: partial.pool,
    reserveIds: read.reserves.map((r) => r.id),
    profile: marketModel.profile,
    assets: assets.map((a) => a.asset),
  });
  // Random swaps trade on the world's first Uniswap V3 pool from a trader of their own.
  const ammModel = replica.state.pools.find((p) => p.kind === "uniswap-v3")!;
  const ammBook = replica.book.uniswapV3.pools[ammModel.id]!;
  const trader = roleAddress("campaign:trader");
  await impersonate(chain, trader);
  const tokenOf = (address: Address) =>
    Object.entries(replica.book.tokens).find(([, t]) => t.address.toLowerCase() === address.toLowerCase())!;
  const [symbol0, t0] = tokenOf(ammBook.token0);
  const [symbol1, t1] = tokenOf(ammBook.token1);
  for (const token of [ammBook.token0, ammBook.token1])
    await mintTestToken(chain, { token, to: trader, amount: LARGE, spender: replica.book.harness.swapper });
  const real: CampaignChain = {
    ...partial,
    startPrices: read.pricesE8,
    amm: {
      address: ammBook.address,
      swapper: replica.book.harness.swapper,
      trader,
      token0: { symbol: symbol0, decimals: t0.decimals },
      token1: { symbol: symbol1, decimals: t1.decimals },
    },
  };
  const model: CampaignModel = {
    pool: {
      profile: marketModel.profile,
      reserves: read.reserves,
      prices: read.pricesE8,
      eModeCategories,
      nowSeconds: 0n,
    },
    positions: read.positions,
    origin: read.blockTimestamp,
    amm: { ...(ammModel.state as V3PoolState) },
    stats: emptyCampaignStats(),
  };
  return { real, model };
}
