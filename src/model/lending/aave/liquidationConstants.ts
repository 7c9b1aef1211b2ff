// LiquidationLogic's and ValidationLogic's constants (the same in @aave/core-v3 1.19.3 and aave-v3-origin 3.6).
export const HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 10n ** 18n;
export const CLOSE_FACTOR_HF_THRESHOLD = 95n * 10n ** 16n;
export const DEFAULT_LIQUIDATION_CLOSE_FACTOR = 5_000n;
/** v3.0 only: the close factor at or below CLOSE_FACTOR_HF_THRESHOLD. */
export const MAX_LIQUIDATION_CLOSE_FACTOR = 10_000n;
/** v3.3+: a position whose collateral or debt in the reserve is below this ($2,000) may be closed in full. */
export const MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2_000n * 10n ** 8n;
/** v3.3+: what a partial liquidation must leave of both collateral and debt ($1,000). */
export const MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2n;
