import { type Address, encodeAbiParameters, type Hex, keccak256 } from "viem";

/** Morpho Blue's `MarketParams`, as the contract takes it. */
export type MorphoMarketParamsOnChain = {
  loanToken: Address;
  collateralToken: Address;
  oracle: Address;
  irm: Address;
  lltv: bigint;
};

/**
 * A market's id: keccak256 of its five parameters ABI-encoded (MarketParamsLib.id hashes the struct's 160
 * bytes of memory, which is that encoding).
 */
export function morphoMarketId(params: MorphoMarketParamsOnChain): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "uint256" },
      ],
      [params.loanToken, params.collateralToken, params.oracle, params.irm, params.lltv],
    ),
  );
}
