import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A JSON-RPC request failed after retries. */
export class RpcError extends BaseError {
  override name = "RpcError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
