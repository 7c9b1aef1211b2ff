/** How progress is shown: rewritten in place (a terminal), plain lines (CI logs), none, or JSON lines. */
export type ProgressMode = "auto" | "plain" | "none";

type Resolved = "tty" | "plain" | "none";

/** Plain progress repeats a line at most this often (ms) while only its counters change. */
const PLAIN_EVERY_MS = 2_000;

let mode: Resolved | undefined;
let json = false;
let lastStem = "";
let lastAt = 0;

const resolved = (): Resolved => (mode ??= process.stderr.isTTY ? "tty" : "plain");
// A progress line without its counters: a new stem is always shown, the same stem at most every 2 s.
const stemOf = (text: string) => text.replace(/[\d.,−-]+/g, "#");

/**
 * The CLI's output: progress and status lines on stderr, the closing summary on stdout. With `--progress
 * auto` (default) progress rewrites one line on a terminal and prints plain lines, throttled, anywhere else
 * (a CI log shows a long run's progress); `plain` forces lines, `none` silences progress. With `--json`
 * stdout carries only JSON lines — `{"type":"progress",…}` and a final `{"type":"summary",…}` — and the human
 * summary goes to stderr.
 */
export const terminal = {
  /** Sets the progress mode and JSON output (the CLI's global options). */
  configure(options: { progress?: ProgressMode | undefined; json?: boolean | undefined }): void {
    const p = options.progress ?? "auto";
    mode = p === "auto" ? undefined : p;
    json = options.json ?? false;
  },
  progress(text: string): void {
    if (json) {
      process.stdout.write(`${JSON.stringify({ type: "progress", message: text.trim() })}\n`);
      return;
    }
    const m = resolved();
    if (m === "tty") process.stderr.write(`\r\x1b[2K${text}`);
    else if (m === "plain") {
      const stem = stemOf(text);
      const now = performance.now();
      if (stem === lastStem && now - lastAt < PLAIN_EVERY_MS) return;
      lastStem = stem;
      lastAt = now;
      process.stderr.write(`${text}\n`);
    }
  },
  done(text: string): void {
    if (!json && resolved() === "tty") process.stderr.write("\r\x1b[2K");
    process.stderr.write(`${text}\n`);
  },
  /** The closing summary: human lines on stdout, or on stderr with `data` as the JSON summary on stdout. */
  summary(lines: string[], data: Record<string, unknown>): void {
    if (!json) {
      process.stdout.write(`${lines.join("\n")}\n`);
      return;
    }
    process.stderr.write(`${lines.join("\n")}\n`);
    process.stdout.write(
      `${JSON.stringify({ type: "summary", ...data }, (_, v) => (typeof v === "bigint" ? v.toString() : v))}\n`,
    );
  },
};
