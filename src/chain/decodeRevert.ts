import { type Abi, decodeErrorResult, type Hex } from "viem";
import { sourceErrors } from "./sourceErrors.js";

/** Finds the revert data in an RPC error, whatever its shape (anvil: `data`, EDR: nested `cause.data`). */
function findData(error: unknown, depth = 0): Hex | undefined {
  if (!error || typeof error !== "object" || depth > 6) return undefined;
  const data = (error as { data?: unknown }).data;
  if (typeof data === "string" && data.startsWith("0x")) return data as Hex;
  if (data && typeof data === "object" && typeof (data as { data?: unknown }).data === "string")
    return (data as { data: Hex }).data;
  return findData((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * Decodes why a call reverted: `Error(string)` (Aave v3.0's numeric codes, Uniswap's 'SPL'), `Panic(uint256)`,
 * or a custom error of `abi` or of a protocol built from source (Aave v3.6: `HealthFactorNotBelowThreshold`);
 * raw hex when nothing matches.
 *
 * @param error - what the node threw for an `eth_call`.
 * @param abi - ABIs whose custom errors to try.
 * @returns a readable reason, or undefined when the error carries no revert data.
 * @example decodeRevert(err) // "Error: 45"
 */
export function decodeRevert(error: unknown, abi: Abi = []): string | undefined {
  const data = findData(error);
  if (!data) return undefined;
  if (data === "0x") return "reverted without data";
  try {
    const decoded = decodeErrorResult({ abi: [...abi, ...sourceErrors()], data });
    if (decoded.errorName === "Error") return String(decoded.args?.[0]);
    if (decoded.errorName === "Panic")
      return `Panic(0x${(decoded.args?.[0] as bigint | undefined)?.toString(16)})`;
    const args = decoded.args ?? [];
    return args.length === 0 ? decoded.errorName : `${decoded.errorName}(${args.map(String).join(", ")})`;
  } catch {
    return data;
  }
}
