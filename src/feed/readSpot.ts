import {
  type Abi,
  type Address,
  decodeFunctionResult,
  encodeFunctionData,
  type Hex,
  type PublicClient,
  parseAbi,
} from "viem";
import { sqrtPriceX96ToPrice } from "../model/amm/v3/price.js";

const V3_ABI = parseAbi([
  "function slot0() view returns (uint160 sqrtPriceX96, int24 tick, uint16, uint16, uint16, uint8, bool)",
]);
const V2_ABI = parseAbi(["function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32)"]);
const FEED_ABI = parseAbi(["function latestAnswer() view returns (int256)"]);

/** Where the feed reads the underlying's price: its reference pool (v3 or v2) and, beside it, its oracle. */
export type SpotSource = {
  pool: Address;
  kind: "uniswap-v3" | "uniswap-v2";
  /** Whether the underlying is the pool's token0. */
  underlyingIsToken0: boolean;
  decimals: { underlying: number; quote: number };
  /** The oracle feed protocols read for the underlying (8 decimals), if any. */
  oracle?: Address;
};

/**
 * The underlying's price at one block: its reference pool's (quote per underlying, from slot0's
 * sqrtPriceX96 or the v2 reserves) and its oracle's answer, read at that block by its hash (EIP-1898): a
 * node asked by number while it mines the next block can answer from the newer state (anvil did, about
 * once per hundred blocks), by hash it cannot.
 *
 * @param client - the node's client.
 * @param source - the pool and oracle.
 * @param blockHash - the block.
 * @returns spot (USD per underlying, the quote taken at $1) and the oracle price (or undefined).
 */
export async function readSpot(
  client: Pick<PublicClient, "request">,
  source: SpotSource,
  blockHash: Hex,
): Promise<{ spot: number; oracle?: number }> {
  const call = async <const A extends Abi>(address: Address, abi: A, functionName: string) => {
    const data = encodeFunctionData({ abi, functionName } as Parameters<typeof encodeFunctionData>[0]);
    const result = (await client.request({
      method: "eth_call",
      params: [{ to: address, data }, { blockHash }],
    } as never)) as Hex;
    return decodeFunctionResult({ abi, functionName, data: result } as Parameters<
      typeof decodeFunctionResult
    >[0]);
  };
  const [d0, d1] = source.underlyingIsToken0
    ? [source.decimals.underlying, source.decimals.quote]
    : [source.decimals.quote, source.decimals.underlying];
  let token1PerToken0: number;
  if (source.kind === "uniswap-v3") {
    const [sqrtPriceX96] = (await call(source.pool, V3_ABI, "slot0")) as readonly [bigint, ...unknown[]];
    token1PerToken0 = sqrtPriceX96ToPrice(sqrtPriceX96, d0, d1);
  } else {
    const [r0, r1] = (await call(source.pool, V2_ABI, "getReserves")) as readonly [bigint, bigint, number];
    token1PerToken0 = Number(r1) / 10 ** d1 / (Number(r0) / 10 ** d0);
  }
  const spot = source.underlyingIsToken0 ? token1PerToken0 : 1 / token1PerToken0;
  if (!source.oracle) return { spot };
  const answer = (await call(source.oracle, FEED_ABI, "latestAnswer")) as bigint;
  return { spot, oracle: Number(answer) / 1e8 };
}
