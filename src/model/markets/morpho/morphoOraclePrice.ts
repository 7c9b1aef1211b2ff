// Mirrors MorphoChainlinkOracleV2.price (morpho-org/morpho-blue-oracles src/morpho-chainlink, commit e32d890)
// for a market whose base feed is the collateral's USD feed and quote feed the loan token's (8 decimals each),
// no second feeds (a base vault optional): SCALE_FACTOR = 10^(36 + loanDecimals + 8 − collateralDecimals − 8), and
// price = SCALE_FACTOR · collateralAnswer / loanAnswer, rounded down (OpenZeppelin's Math.mulDiv).
import { pow10 } from "../../math/pow10.js";

/**
 * The oracle's price of one collateral unit in loan units, 1e36-scaled, from the two feeds' 8-decimal answers;
 * with a base vault (an ERC-4626 collateral over the fed asset), its convertToAssets of `sample` shares:
 * SCALE_FACTOR = 10^(36 + loanDecimals − collateralDecimals) / sample, price = SCALE_FACTOR · assets ·
 * collateralAnswer / loanAnswer (a vault-less oracle's assets and sample are 1).
 */
export function morphoOraclePrice(
  loanDecimals: number,
  collateralDecimals: number,
  collateralE8: bigint,
  loanE8: bigint,
  vault: { assets: bigint; sample: bigint } = { assets: 1n, sample: 1n },
): bigint {
  const scaleFactor = pow10(36 + loanDecimals - collateralDecimals) / vault.sample;
  return (scaleFactor * vault.assets * collateralE8) / loanE8;
}
