import { CommanderError } from "commander";
import { BaseError } from "../errors/BaseError.js";
import { UsageError } from "../errors/UsageError.js";

/**
 * What the CLI prints and exits with for an error: a DLCM error is its message (what went wrong and the
 * fix); a usage error exits 2 (commander has printed its own line with a suggestion); anything else is a bug
 * — one line, with the stack trace only under `--debug`.
 *
 * @param error - what was thrown.
 * @param debug - whether `--debug` was given.
 * @returns the text for stderr (empty when commander printed it) and the exit code (0 help, 2 usage, 1 other).
 * @example formatCliError(new TypeError("x is undefined"), false).text // "dlcm: unexpected error: x is undefined (run again with --debug for the stack trace)"
 */
export function formatCliError(error: unknown, debug: boolean): { text: string; exitCode: number } {
  if (error instanceof CommanderError)
    return { text: "", exitCode: error.code === "commander.helpDisplayed" || error.exitCode === 0 ? 0 : 2 };
  if (error instanceof BaseError)
    return { text: `${error.name}: ${error.message}`, exitCode: error instanceof UsageError ? 2 : 1 };
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  if (debug && error instanceof Error && error.stack)
    return { text: `dlcm: unexpected error\n${error.stack}`, exitCode: 1 };
  return {
    text: `dlcm: unexpected error: ${message} (run again with --debug for the stack trace)`,
    exitCode: 1,
  };
}
