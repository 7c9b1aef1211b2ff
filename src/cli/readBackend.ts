import type { ChainBackend } from "../chain/types.js";

/**
 * The `--chain` option: anvil (default) or edr; prints the fix and returns undefined for anything else.
 * @param command - the command name, for the message.
 * @param value - the option's value.
 */
export function readBackend(command: string, value: string | undefined): ChainBackend | undefined {
  const backend = value ?? "anvil";
  if (backend === "anvil" || backend === "edr") return backend;
  process.stderr.write(`dlcm ${command}: --chain must be "anvil" or "edr", not "${backend}".\n`);
  return undefined;
}
