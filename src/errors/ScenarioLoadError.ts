import { BaseError, type BaseErrorParameters } from "./BaseError.js";

/** A scenario file could not be read or parsed (missing file, bad JSON/YAML). */
export class ScenarioLoadError extends BaseError {
  override name = "ScenarioLoadError";
  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
  }
}
