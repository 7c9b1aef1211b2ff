const isTty = () => process.stderr.isTTY;

/** Progress on stderr: a line rewritten in place on a terminal, silent when piped; `done` lines always print. */
export const terminal = {
  progress(text: string): void {
    if (isTty()) process.stderr.write(`\r\x1b[2K${text}`);
  },
  done(text: string): void {
    if (isTty()) process.stderr.write("\r\x1b[2K");
    process.stderr.write(`${text}\n`);
  },
};
