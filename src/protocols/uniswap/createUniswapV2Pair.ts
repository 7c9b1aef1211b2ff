import { type Address, parseAbi } from "viem";
import { deployContract } from "../../chain/deployContract.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { Chain } from "../../chain/types.js";
import { writeContract } from "../../chain/writeContract.js";
import { DeploymentError } from "../../errors/DeploymentError.js";
import { ARTIFACTS } from "../artifactIds.js";

export type CreateUniswapV2PairParameters = {
  /** Pays both reserves and receives the LP tokens. */
  lp: Address;
  token0: Address;
  token1: Address;
  reserve0: bigint;
  reserve1: bigint;
};

const ERC20 = parseAbi(["function transfer(address to, uint256 amount) returns (bool)"]);

/**
 * Deploys a UniswapV2Factory and creates a pair from `@uniswap/v2-core`'s published bytecode, funded with exactly
 * `reserve0` / `reserve1` (transferred to the pair, then `mint`, which sets the reserves to the balances).
 *
 * @param chain - a local chain.
 * @param parameters - LP, tokens (token0 sorting below token1), reserves.
 * @returns the factory and the pair.
 * @throws {DeploymentError} when the tokens are out of order or a step reverts.
 * @example const { pair } = await createUniswapV2Pair(chain, { lp, token0, token1, reserve0, reserve1 });
 */
export async function createUniswapV2Pair(
  chain: Chain,
  parameters: CreateUniswapV2PairParameters,
): Promise<{ factory: Address; pair: Address }> {
  const { lp, token0, token1 } = parameters;
  if (BigInt(token0) >= BigInt(token1))
    throw new DeploymentError("createUniswapV2Pair: token0 must sort below token1.", {
      metaMessages: [`token0: ${token0}`, `token1: ${token1}`],
    });
  const factoryAbi = loadArtifact(ARTIFACTS.uniswapV2Factory).abi;
  // feeToSetter = the LP; feeTo stays unset, so no protocol fee is minted (as on mainnet).
  // A factory holds one pair per token pair, so each pair gets its own (a scenario may list several).
  const factory = await deployContract(chain, { from: lp, artifact: ARTIFACTS.uniswapV2Factory, args: [lp] });
  await writeContract(chain, {
    from: lp,
    address: factory,
    abi: factoryAbi,
    functionName: "createPair",
    args: [token0, token1],
  });
  const pair = (await chain.client.readContract({
    address: factory,
    abi: factoryAbi,
    functionName: "getPair",
    args: [token0, token1],
  })) as Address;
  for (const [token, amount] of [
    [token0, parameters.reserve0],
    [token1, parameters.reserve1],
  ] as const)
    await writeContract(chain, {
      from: lp,
      address: token,
      abi: ERC20,
      functionName: "transfer",
      args: [pair, amount],
    });
  await writeContract(chain, {
    from: lp,
    address: pair,
    abi: loadArtifact(ARTIFACTS.uniswapV2Pair).abi,
    functionName: "mint",
    args: [lp],
  });
  return { factory, pair };
}
