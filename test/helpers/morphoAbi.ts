import { parseAbi } from "viem";

/** Morpho Blue's position getter, for tests that read a borrower's shares and collateral on chain. */
export const MORPHO_POSITION_ABI = parseAbi([
  "function position(bytes32 id, address user) view returns (uint256 supplyShares, uint128 borrowShares, uint128 collateral)",
]);
