/**
 * The `--scan` option: every-block (default: the chain-side scan of every borrower after each block) or
 * final (only at the end); prints the fix and returns undefined for anything else.
 * @param command - the command name, for the message.
 * @param value - the option's value.
 */
export function readScan(command: string, value: string | undefined): "every-block" | "final" | undefined {
  const scan = value ?? "every-block";
  if (scan === "every-block" || scan === "final") return scan;
  process.stderr.write(`dlcm ${command}: --scan must be "every-block" or "final", not "${scan}".\n`);
  return undefined;
}
