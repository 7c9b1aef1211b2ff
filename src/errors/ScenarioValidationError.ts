import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A scenario file is malformed: every bad field is listed with its path, what was expected and what was found. */
export class ScenarioValidationError extends BaseError {
  override name = "ScenarioValidationError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
