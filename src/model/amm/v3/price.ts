// Conversions between human prices and Q64.96 sqrt prices. The exact direction (integer) is used
// wherever the chain reads a price; the float direction only for display and the options model.
import { ModelInputError } from "../../../errors/ModelInputError.js";
import { getTickAtSqrtRatio } from "./TickMath.js";

/** Integer square root (floor), Newton's method on bigint. */
export function sqrtBigInt(value: bigint): bigint {
  if (value < 0n) throw new ModelInputError("sqrtBigInt: negative input.");
  if (value < 2n) return value;
  let x0 = value;
  let x1 = (value >> 1n) + 1n;
  while (x1 < x0) {
    x0 = x1;
    x1 = (x1 + value / x1) >> 1n;
  }
  return x0;
}

/** sqrt(amount1 / amount0) as Q64.96, floor — the v3-sdk's encodeSqrtRatioX96. */
export function encodeSqrtRatioX96(amount1: bigint, amount0: bigint): bigint {
  return sqrtBigInt((amount1 << 192n) / amount0);
}

/** Decimal string or number → integer scaled by 10^decimals, exact for decimal strings. */
export function parseUnits(value: string | number, decimals: number): bigint {
  const text = typeof value === "number" ? toPlainString(value) : value.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new ModelInputError(`parseUnits: "${text}" is not a decimal number.`);
  const [, sign, whole = "", frac = ""] = match;
  const fracPadded = (frac + "0".repeat(decimals)).slice(0, decimals);
  const result = BigInt((whole || "0") + fracPadded);
  return sign === "-" ? -result : result;
}

function toPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new ModelInputError(`parseUnits: ${value} is not finite.`);
  return value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

/** Integer → float, dividing by 10^decimals. Display and model use only. */
export function formatUnitsNumber(value: bigint, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const whole = value / scale;
  const frac = value % scale;
  return Number(whole) + Number(frac) / Number(scale);
}

/**
 * The sqrtPriceX96 of a pool in which one `token0` costs `price` units of `token1`, in human units.
 * @example priceToSqrtPriceX96(3000, 18, 6) // WETH (token0) at 3,000 USDC
 */
export function priceToSqrtPriceX96(price: number | string, decimals0: number, decimals1: number): bigint {
  const amount1 = parseUnits(price, decimals1 + 18);
  const amount0 = 10n ** BigInt(decimals0 + 18);
  return encodeSqrtRatioX96(amount1, amount0);
}

/** Human price of token0 in token1 from a sqrtPriceX96 (float). */
export function sqrtPriceX96ToPrice(sqrtPriceX96: bigint, decimals0: number, decimals1: number): number {
  // Scale by 1e36 before the shift so the float keeps full precision for ratios down to ~1e-20.
  const numerator = sqrtPriceX96 * sqrtPriceX96;
  const scaled = Number((numerator * 10n ** 36n) >> 192n) / 1e36;
  return scaled * 10 ** (decimals0 - decimals1);
}

/** The pool tick of a human price (floor), via the contract's own getTickAtSqrtRatio. */
export function priceToTick(price: number | string, decimals0: number, decimals1: number): number {
  return getTickAtSqrtRatio(priceToSqrtPriceX96(price, decimals0, decimals1));
}
