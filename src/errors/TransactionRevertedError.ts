import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A transaction was mined but reverted; `reason` is the decoded revert string or custom error, if any. */
export class TransactionRevertedError extends BaseError {
  override name = "TransactionRevertedError";
  readonly reason: string | undefined;
  readonly hash: string | undefined;
  constructor(
    shortMessage: string,
    parameters: BaseErrorParameters & { reason?: string | undefined; hash?: string | undefined } = {},
  ) {
    super(shortMessage, parameters);
    this.reason = parameters.reason;
    this.hash = parameters.hash;
  }
}
