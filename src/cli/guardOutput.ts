import { secretRegistry } from "../chain/secretRegistry.js";

/**
 * Routes everything the process writes to stdout and stderr through `secretRegistry.redact`, so no part
 * of an RPC URL's key reaches the terminal or a CI log, whoever printed it (our messages, a child
 * process's output inside an error, a library's warning). `MAINNET_RPC_URL` is registered at once, since
 * it may be echoed by anything that reads the environment.
 *
 * @example guardOutput(); secretRegistry.addUrl(url); process.stderr.write(`failed: ${url}\n`) // "failed: ***"
 */
export function guardOutput(): void {
  if (process.env.MAINNET_RPC_URL) secretRegistry.addUrl(process.env.MAINNET_RPC_URL);
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(
        typeof chunk === "string"
          ? secretRegistry.redact(chunk)
          : chunk instanceof Uint8Array
            ? secretRegistry.redact(Buffer.from(chunk).toString("utf8"))
            : chunk,
        ...rest,
      )) as typeof stream.write;
  }
}
