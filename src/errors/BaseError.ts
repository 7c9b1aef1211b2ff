/** Parameters shared by every DLCM error. */
export type BaseErrorParameters = {
  /** Extra detail, usually the underlying error's message. */
  details?: string | undefined;
  /** Lines printed under the message: field paths, values, what to do. */
  metaMessages?: string[] | undefined;
  /** The error this one wraps. */
  cause?: unknown;
  /** Where in the README the fix is explained. */
  docsPath?: string | undefined;
};

/**
 * The one base error of DLCM (viem's `BaseError` pattern): a short message a user can act on,
 * details and meta lines below it, the wrapped cause, and a pointer into the README.
 *
 * @example
 * throw new BaseError("Pool not found.", { metaMessages: ["id: weth-usdc"] });
 */
export class BaseError extends Error {
  override name = "DlcmError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: string[] | undefined;
  readonly docsPath: string | undefined;

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const details =
      parameters.details ??
      (parameters.cause instanceof BaseError
        ? parameters.cause.details
        : parameters.cause instanceof Error
          ? parameters.cause.message
          : undefined);
    const lines = [
      shortMessage,
      ...(parameters.metaMessages?.length ? ["", ...parameters.metaMessages] : []),
      ...(details ? ["", `Details: ${details}`] : []),
      ...(parameters.docsPath ? [`Docs: README.md${parameters.docsPath}`] : []),
    ];
    super(lines.join("\n"), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = details;
    this.metaMessages = parameters.metaMessages;
    this.docsPath = parameters.docsPath;
  }
}
