import { parseUnits } from "../amm/v3/price.js";
import { pow10 } from "./pow10.js";

/** Float → integer units (the one float→wei boundary for scenario inputs). */
export function toUnits(value: number, decimals: number): bigint {
  // Fast path: 6 decimal places of the float are exact in a double while |value·1e6| < 2^53.
  const micro = Math.round(value * 1e6);
  if (decimals >= 6 && Math.abs(micro) < 2 ** 53)
    return decimals === 6 ? BigInt(micro) : BigInt(micro) * pow10(decimals - 6);
  return parseUnits(value.toFixed(Math.min(decimals, 12)), decimals);
}
