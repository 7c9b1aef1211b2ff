/**
 * Reads a Server-Sent Events stream until it ends or `signal` aborts, handing each event's `data` line to
 * `onData` (the GEX feed's test and bench clients).
 *
 * @param url - the stream.
 * @param signal - stops the read (no error once aborted).
 * @param onData - each event's data.
 */
export async function readSseEvents(
  url: string,
  signal: AbortSignal,
  onData: (data: string) => void,
): Promise<void> {
  const res = await fetch(url, { signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const data = buffer
          .slice(0, end)
          .split("\n")
          .find((l) => l.startsWith("data: "));
        buffer = buffer.slice(end + 2);
        if (data) onData(data.slice(6));
        end = buffer.indexOf("\n\n");
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}
