import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** The command line is wrong (a missing or bad option, arguments that do not fit): the CLI exits with 2. */
export class UsageError extends BaseError {
  override name = "UsageError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
