import type { Address } from "viem";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import { ARTIFACTS } from "../artifactIds.js";

export type CreateUniswapV3PoolParameters = {
  /** The liquidity provider: pays for the mints (it must hold and have approved the minter). */
  lp: Address;
  factory: Address;
  minter: Address;
  token0: Address;
  token1: Address;
  feePips: number;
  sqrtPriceX96: bigint;
  mints: readonly { tickLower: number; tickUpper: number; liquidity: bigint }[];
};

/**
 * Creates a pool on the real factory, initialises it at an exact sqrt price and mints exact liquidity at
 * the given tick ranges: the same operations, in the same order, as the model's buildCascadeState.
 *
 * @param chain - a running dev chain.
 * @param parameters - LP, factory, minter, tokens (sorted), fee, price and positions.
 * @returns the pool address.
 * @throws {DeploymentError} when token0 ≥ token1 (the factory would swap them and the model would not).
 */
export async function createUniswapV3Pool(
  chain: Chain,
  parameters: CreateUniswapV3PoolParameters,
): Promise<Address> {
  if (BigInt(parameters.token0) >= BigInt(parameters.token1))
    throw new DeploymentError("createUniswapV3Pool: token0 must sort below token1.", {
      metaMessages: [`token0: ${parameters.token0}`, `token1: ${parameters.token1}`],
    });
  const factoryAbi = loadArtifact(ARTIFACTS.uniswapV3Factory).abi;
  const poolAbi = loadArtifact(ARTIFACTS.uniswapV3Pool).abi;
  const { lp } = parameters;
  await writeContract(chain, {
    from: lp,
    address: parameters.factory,
    abi: factoryAbi,
    functionName: "createPool",
    args: [parameters.token0, parameters.token1, parameters.feePips],
  });
  const pool = (await chain.client.readContract({
    address: parameters.factory,
    abi: factoryAbi,
    functionName: "getPool",
    args: [parameters.token0, parameters.token1, parameters.feePips],
  })) as Address;
  await writeContract(chain, {
    from: lp,
    address: pool,
    abi: poolAbi,
    functionName: "initialize",
    args: [parameters.sqrtPriceX96],
  });
  if (parameters.mints.length > 0)
    await writeContract(chain, {
      from: lp,
      address: parameters.minter,
      abi: loadArtifact("uniswap/LiquidityMinter").abi,
      functionName: "mint",
      args: [
        pool,
        lp,
        parameters.mints.map((m) => ({
          tickLower: m.tickLower,
          tickUpper: m.tickUpper,
          liquidity: m.liquidity,
        })),
      ],
      gas: 30_000_000n,
    });
  return pool;
}
