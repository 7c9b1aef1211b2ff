import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A cascade on chain could not complete (e.g. one SSF probe's run stopped), so its result cannot be used. */
export class ChainRunError extends BaseError {
  override name = "ChainRunError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
