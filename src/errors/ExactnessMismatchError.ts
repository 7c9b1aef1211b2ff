import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** The model and the chain disagreed where they must agree to the wei. */
export class ExactnessMismatchError extends BaseError {
  override name = "ExactnessMismatchError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
