import { secretsOfUrl } from "./secretsOfUrl.js";

const secrets = new Set<string>();
let pattern: RegExp | undefined;

/**
 * The process's secrets (the parts of every RPC URL it was given that may carry a key) and the one
 * redaction everything printed or written goes through: the CLI's stdout and stderr (child processes'
 * output included, since it reaches the user only through errors the CLI prints) and every report file.
 * Matching ignores case, because tools that echo a URL lowercase parts of it.
 *
 * @example
 * secretRegistry.addUrl("https://eth-mainnet.g.alchemy.com/v2/Zq7abc123");
 * secretRegistry.redact("error sending request for url (https://ETH-MAINNET.g.alchemy.com/v2/Zq7abc123)")
 * // "error sending request for url (***)": the whole URL matched, case aside; a rewritten one loses its key:
secretRegistry.redact("http://eth-mainnet.g.alchemy.com/v2/ZQ7ABC123") // "http://eth-mainnet.g.alchemy.com/v2/***"
 */
export const secretRegistry = {
  /** Registers every secret-looking part of `url` (see secretsOfUrl). */
  addUrl(url: string): void {
    for (const part of secretsOfUrl(url)) secrets.add(part);
    const sorted = [...secrets].sort((a, b) => b.length - a.length);
    pattern = sorted.length
      ? new RegExp(sorted.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi")
      : undefined;
  },
  /** `text` with every registered secret replaced by `***`. */
  redact(text: string): string {
    return pattern ? text.replace(pattern, "***") : text;
  },
  /** Forgets every secret (tests). */
  clear(): void {
    secrets.clear();
    pattern = undefined;
  },
};
