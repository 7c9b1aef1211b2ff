import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A replay's price-path file is malformed: each problem names the line or field, what was expected and what was found. */
export class PricePathError extends BaseError {
  override name = "PricePathError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
