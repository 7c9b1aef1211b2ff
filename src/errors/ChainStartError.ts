import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A chain backend (anvil or EDR) failed to start; the message carries the tail of its stderr. */
export class ChainStartError extends BaseError {
  override name = "ChainStartError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
