import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let codes: Map<string, string> | undefined;

/**
 * Aave v3.0's revert reasons in v3.6's words: its `Errors` library's numeric codes ("45") and their
 * constants' names (HEALTH_FACTOR_NOT_BELOW_THRESHOLD, as the v3.0 liquidation mirror names them) both
 * become the custom error's name (HealthFactorNotBelowThreshold), read from @aave/core-v3's own Errors.sol;
 * anything else (panic 0x11, a token's own message) is returned as it is.
 *
 * @param reason - a chain or model reason.
 * @returns the name.
 * @example aaveV30ErrorName("26") // "InvalidAmount"
 */
export function aaveV30ErrorName(reason: string): string {
  codes ??= readCodes();
  const snake = /^\d+$/.test(reason) ? codes.get(reason) : /^[A-Z0-9_]+$/.test(reason) ? reason : undefined;
  if (!snake) return reason;
  return snake
    .toLowerCase()
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function readCodes(): Map<string, string> {
  const path = fileURLToPath(
    import.meta.resolve("@aave/core-v3/contracts/protocol/libraries/helpers/Errors.sol"),
  );
  const out = new Map<string, string>();
  for (const m of readFileSync(path, "utf8").matchAll(/string public constant (\w+) = '(\d+)'/g))
    out.set(m[2]!, m[1]!);
  return out;
}
