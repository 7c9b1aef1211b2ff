import { type Address, encodeAbiParameters, getContractAddress, type Hex, keccak256 } from "viem";

/**
 * A Uniswap V3 pool's address from its factory, tokens and fee, as the factory's CREATE2 deploys it
 * (salt = keccak256(abi.encode(token0, token1, fee)), tokens sorted).
 *
 * @param parameters - factory, the two tokens (any order), fee in pips, the pool's init code hash.
 * @returns the pool address.
 * @example computeUniswapV3PoolAddress({ factory, tokenA: WETH, tokenB: USDC, feePips: 500, initCodeHash })
 */
export function computeUniswapV3PoolAddress(parameters: {
  factory: Address;
  tokenA: Address;
  tokenB: Address;
  feePips: number;
  initCodeHash: Hex;
}): Address {
  const [token0, token1] =
    BigInt(parameters.tokenA) < BigInt(parameters.tokenB)
      ? [parameters.tokenA, parameters.tokenB]
      : [parameters.tokenB, parameters.tokenA];
  const salt = keccak256(
    encodeAbiParameters(
      [{ type: "address" }, { type: "address" }, { type: "uint24" }],
      [token0, token1, parameters.feePips],
    ),
  );
  return getContractAddress({
    opcode: "CREATE2",
    from: parameters.factory,
    salt,
    bytecodeHash: parameters.initCodeHash,
  });
}
