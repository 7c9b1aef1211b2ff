import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A mirrored contract computation reverted where the contract would revert (overflow, out-of-range tick, bad input). */
export class MathRevertError extends BaseError {
  override name = "MathRevertError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
