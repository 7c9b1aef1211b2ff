import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A state edit or impersonation was refused because the node could not be proven to be a local dev node or a fork. */
export class NotADevNodeError extends BaseError {
  override name = "NotADevNodeError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
