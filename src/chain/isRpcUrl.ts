/** Whether a string is an RPC URL a client can use: http(s) or ws(s) with a host. */
export function isRpcUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return ["http:", "https:", "ws:", "wss:"].includes(parsed.protocol) && parsed.hostname !== "";
  } catch {
    return false;
  }
}
