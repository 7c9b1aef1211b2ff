import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A model function was called with inputs outside its domain (negative time, no liquidity, unknown asset). */
export class ModelInputError extends BaseError {
  override name = "ModelInputError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
