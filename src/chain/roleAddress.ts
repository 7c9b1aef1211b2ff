import { type Address, getAddress, keccak256, stringToHex } from "viem";

/**
 * A stable address for a harness role ("lp", "mm:mm-deep", "liquidator:0"), used through impersonation:
 * unlimited in number, the same on every run and backend, and nobody's key.
 *
 * @param role - the role's name.
 * @returns the last 20 bytes of keccak256("dlcm:" + role).
 */
export function roleAddress(role: string): Address {
  return getAddress(`0x${keccak256(stringToHex(`dlcm:${role}`)).slice(-40)}`);
}
