import {
  CLOSE_FACTOR_HF_THRESHOLD,
  DEFAULT_LIQUIDATION_CLOSE_FACTOR,
  MAX_LIQUIDATION_CLOSE_FACTOR,
  MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD,
} from "./executeLiquidationCall.js";
import type { AaveVersionProfile } from "./types.js";

export type EstimateLiquidationParameters = {
  profile: AaveVersionProfile;
  /** The position's one collateral reserve: balance in whole tokens, oracle price in USD, config in bps. */
  collateral: {
    units: number;
    decimals: number;
    priceUsd: number;
    liquidationThresholdBps: number;
    liquidationBonusBps: number;
    protocolFeeBps: number;
  };
  /** The position's one debt reserve. */
  debt: { units: number; decimals: number; priceUsd: number };
};

export type LiquidationEstimate = {
  healthFactor: number;
  /** Debt the liquidator repays, whole tokens. */
  debtRepaid: number;
  /** Collateral the liquidator receives (after the protocol fee), whole tokens. */
  collateralReceived: number;
  /** How far either amount may be from the contract's integer result, whole tokens of each asset. */
  debtTolerance: number;
  collateralTolerance: number;
};

// The integers differ from these floats by a few wei per rounding step (and by 1e-8 USD of base currency
// in the health factor's sums); a rule whose float input lands this close to its boundary is left to the
// exact code.
const BOUNDARY = 1e-6;
const MIN_VALUE_USD = 1;
const WEI_STEPS = 8;
// The contract's rule constants, read from the exact code's copies (WAD and 8-decimal base currency).
const CLOSE_FACTOR_HF = Number(CLOSE_FACTOR_HF_THRESHOLD) / 1e18;
const MIN_BASE_MAX_CLOSE_FACTOR_USD = Number(MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD) / 1e8;
const DEFAULT_CLOSE_FACTOR = Number(DEFAULT_LIQUIDATION_CLOSE_FACTOR) / 10_000;
const MAX_CLOSE_FACTOR = Number(MAX_LIQUIDATION_CLOSE_FACTOR) / 10_000;

const WEI = Array.from({ length: 78 }, (_, decimals) => WEI_STEPS / 10 ** decimals);
const wei = (decimals: number) => WEI[decimals] ?? WEI_STEPS / 10 ** decimals;
const near = (a: number, b: number) => Math.abs(a - b) <= BOUNDARY * Math.max(Math.abs(a), Math.abs(b));

/**
 * A float estimate of `executeLiquidationCall` with `debtToCover = type(uint256).max` for a position with one
 * collateral reserve and one debt reserve, for deciding cheaply that a liquidation cannot pay. It follows
 * the same rules (close factor by version, the cap at the collateral balance, the protocol fee on the bonus)
 * and returns `undefined` whenever the exact result could differ in kind: the position is healthy or within
 * 1e-6 of a rule's boundary (health factor 1 or 0.95, the collateral cap, v3.3's $2,000 thresholds), or
 * either side is worth under $1. It does not model v3.3's dust revert: a liquidation that reverts pays
 * nothing either, so "cannot pay" stays true.
 *
 * @example
 * const e = estimateLiquidation({ profile: "v3.0", collateral: { units: 1, decimals: 18, priceUsd: 2000,
 *   liquidationThresholdBps: 8250, liquidationBonusBps: 10500, protocolFeeBps: 1000 },
 *   debt: { units: 1700, decimals: 6, priceUsd: 1 } });
 * // e.debtRepaid ≈ 850 (close factor 50% above HF 0.95)
 */
export function estimateLiquidation(
  parameters: EstimateLiquidationParameters,
): LiquidationEstimate | undefined {
  const { profile, collateral, debt } = parameters;
  const collateralUsd = collateral.units * collateral.priceUsd;
  const debtUsd = debt.units * debt.priceUsd;
  if (!(collateralUsd >= MIN_VALUE_USD && debtUsd >= MIN_VALUE_USD)) return undefined;
  const healthFactor = (collateralUsd * collateral.liquidationThresholdBps) / 10_000 / debtUsd;
  if (healthFactor >= 1 || near(healthFactor, 1) || near(healthFactor, CLOSE_FACTOR_HF)) return undefined;
  let closeFactor: number;
  if (profile === "v3.0")
    closeFactor = healthFactor > CLOSE_FACTOR_HF ? DEFAULT_CLOSE_FACTOR : MAX_CLOSE_FACTOR;
  else {
    if (near(collateralUsd, MIN_BASE_MAX_CLOSE_FACTOR_USD) || near(debtUsd, MIN_BASE_MAX_CLOSE_FACTOR_USD))
      return undefined;
    // One debt reserve: its debt is the total, always above half the total, so the cap is half of it.
    closeFactor =
      collateralUsd >= MIN_BASE_MAX_CLOSE_FACTOR_USD &&
      debtUsd >= MIN_BASE_MAX_CLOSE_FACTOR_USD &&
      healthFactor > CLOSE_FACTOR_HF
        ? DEFAULT_CLOSE_FACTOR
        : MAX_CLOSE_FACTOR;
  }
  const bonus = collateral.liquidationBonusBps / 10_000;
  const requested = debt.units * closeFactor;
  const maxCollateral = ((requested * debt.priceUsd) / collateral.priceUsd) * bonus;
  // The cap compares integers a few wei apart from these floats: small balances need the absolute margin.
  if (
    near(maxCollateral, collateral.units) ||
    Math.abs(maxCollateral - collateral.units) <= wei(collateral.decimals)
  )
    return undefined;
  let seized: number;
  let debtRepaid: number;
  if (maxCollateral > collateral.units) {
    seized = collateral.units;
    debtRepaid = (collateral.units * collateral.priceUsd) / debt.priceUsd / bonus;
  } else {
    seized = maxCollateral;
    debtRepaid = requested;
  }
  const fee = (seized - seized / bonus) * (collateral.protocolFeeBps / 10_000);
  // v3.3's cap goes through base currency (1e-8 USD steps); the collateral follows the debt.
  const debtTolerance = wei(debt.decimals) + 4e-8 / debt.priceUsd + 1e-12 * debtRepaid;
  return {
    healthFactor,
    debtRepaid,
    collateralReceived: seized - fee,
    debtTolerance,
    collateralTolerance:
      wei(collateral.decimals) +
      ((debtTolerance * debt.priceUsd) / collateral.priceUsd) * bonus +
      1e-12 * seized,
  };
}
