// Mirrors MorphoChainlinkOracleV2.price (morpho-org/morpho-blue-oracles src/morpho-chainlink, commit e32d890)
// for a market whose base feed is the collateral's USD feed and quote feed the loan token's (8 decimals each),
// no vaults and no second feeds: SCALE_FACTOR = 10^(36 + loanDecimals + 8 − collateralDecimals − 8), and
// price = SCALE_FACTOR · collateralAnswer / loanAnswer, rounded down (OpenZeppelin's Math.mulDiv).
import { pow10 } from "../../math/pow10.js";

/** The oracle's price of one collateral unit in loan units, 1e36-scaled, from the two feeds' 8-decimal answers. */
export function morphoOraclePrice(
  loanDecimals: number,
  collateralDecimals: number,
  collateralE8: bigint,
  loanE8: bigint,
): bigint {
  const scaleFactor = pow10(36 + loanDecimals - collateralDecimals);
  return (scaleFactor * collateralE8) / loanE8;
}
