import type { Abi } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import type { CascadeState, PoolModel } from "../../model/cascade/types.js";
import { ARTIFACTS } from "../../protocols/artifactIds.js";
import type { AddressBook } from "../../protocols/types.js";

/**
 * Each pegged asset's own pool as the chain shows it now: the model's pool with the chain's price (a V3
 * pool's slot0 sqrt price, a V2 pair's reserves), which is all `pegMarketE8` reads. Nothing is read when
 * the scenario has no pegged asset.
 *
 * @param chain - the chain.
 * @param parameters - the address book and the state the cascade started from.
 * @returns the pools by pegged asset.
 */
export async function readPegPools(
  chain: Chain,
  parameters: { book: AddressBook; initial: CascadeState },
): Promise<Map<string, PoolModel>> {
  const { book, initial } = parameters;
  const out = new Map<string, PoolModel>();
  for (const peg of initial.pegs) {
    const pool = initial.pools.find((p) => p.id === peg.poolId)!;
    if (pool.kind === "uniswap-v3") {
      const slot0 = (await chain.client.readContract({
        address: book.uniswapV3.pools[pool.id]!.address,
        abi: v3PoolAbi(),
        functionName: "slot0",
      })) as readonly [bigint, ...unknown[]];
      out.set(peg.symbol, { ...pool, state: { ...pool.state, sqrtPriceX96: slot0[0] } });
    } else {
      const [reserve0, reserve1] = (await chain.client.readContract({
        address: book.uniswapV2!.pools[pool.id]!.address,
        abi: v2PairAbi(),
        functionName: "getReserves",
      })) as readonly [bigint, bigint, number];
      out.set(peg.symbol, { ...pool, state: { ...pool.state, reserve0, reserve1 } });
    }
  }
  return out;
}

const v3PoolAbi = (): Abi => loadArtifact(ARTIFACTS.uniswapV3Pool).abi;
const v2PairAbi = (): Abi => loadArtifact(ARTIFACTS.uniswapV2Pair).abi;
