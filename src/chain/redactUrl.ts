/**
 * An RPC URL safe to print: scheme and host only. Paths, queries and credentials usually carry the
 * provider's API key (`/v2/<key>`, `?apikey=`, `user:pass@`), so none of them is ever shown.
 *
 * @param url - an RPC URL, possibly with a key in it.
 * @returns e.g. `https://eth-mainnet.g.alchemy.com/…`
 * @example redactUrl("https://eth-mainnet.g.alchemy.com/v2/abc123") // "https://eth-mainnet.g.alchemy.com/…"
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const rest = parsed.pathname !== "/" || parsed.search || parsed.username ? "/…" : "";
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${rest}`;
  } catch {
    return "<unparseable RPC URL>";
  }
}
