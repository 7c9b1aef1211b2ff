import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** Deploying or seeding the local replica failed. */
export class DeploymentError extends BaseError {
  override name = "DeploymentError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
