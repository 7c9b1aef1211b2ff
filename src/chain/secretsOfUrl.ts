/** Path segments and host labels that name a network or an API version, never a key. */
const PUBLIC_WORDS = new Set([
  "api",
  "rpc",
  "http",
  "https",
  "ws",
  "wss",
  "mainnet",
  "ethereum",
  "eth",
  "node",
  "nodes",
  "v1",
  "v2",
  "v3",
  "arbitrum",
  "optimism",
  "base",
  "polygon",
  "sepolia",
  "holesky",
  "localhost",
  "archive",
  "public",
  "quiknode",
  "infura",
  "alchemy",
  "alchemyapi",
  "ankr",
  "com",
  "io",
  "pro",
  "org",
  "net",
  "xyz",
  "cloud",
  "www",
  "g",
]);
/** Shorter parts are too common to be keys (and scrubbing them would garble ordinary text). */
const MIN_SECRET_LENGTH = 4;

/**
 * The parts of an RPC URL that may be secret, as they could appear in anything printed or written: the
 * whole URL, its user name and password, each path segment, each query value and the fragment (raw and
 * percent-decoded), and host labels that look generated (≥ 12 characters with a digit, as in
 * `abc123….quiknode.pro`). Words that name a network or a version (`v2`, `mainnet`) and parts shorter
 * than 4 characters are left out. An unparseable URL is secret as a whole.
 *
 * Redaction goes by these parts, not by the URL's shape, because tools that echo the URL rewrite it
 * (anvil drops `user:pass@` and default ports and lowercases the scheme and host).
 *
 * @param url - an RPC URL as the user gave it.
 * @returns the distinct secret-looking strings, longest first.
 * @example secretsOfUrl("https://eth-mainnet.g.alchemy.com/v2/Zq7abc123") // ["https://eth-mainnet.g.alchemy.com/v2/Zq7abc123", "Zq7abc123"]
 */
export function secretsOfUrl(url: string): string[] {
  const parts = new Set<string>([url.trim()]);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url.trim());
  } catch {
    parsed = undefined;
  }
  if (parsed) {
    const add = (raw: string) => {
      for (const part of [raw, safeDecode(raw)]) if (looksSecret(part)) parts.add(part);
    };
    add(parsed.username);
    add(parsed.password);
    for (const segment of parsed.pathname.split("/")) add(segment);
    for (const [, value] of parsed.searchParams) add(value);
    for (const raw of parsed.search.replace(/^\?/, "").split("&")) add(raw.split("=").slice(1).join("="));
    add(parsed.hash.replace(/^#/, ""));
    for (const label of parsed.hostname.split("."))
      if (label.length >= 12 && /\d/.test(label) && !PUBLIC_WORDS.has(label.toLowerCase())) parts.add(label);
  }
  return [...parts].filter((p) => p.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

function looksSecret(part: string): boolean {
  return part.length >= MIN_SECRET_LENGTH && !PUBLIC_WORDS.has(part.toLowerCase());
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
