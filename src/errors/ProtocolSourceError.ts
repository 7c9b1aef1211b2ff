import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A protocol's pinned source could not be fetched, verified or compiled. */
export class ProtocolSourceError extends BaseError {
  override name = "ProtocolSourceError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
