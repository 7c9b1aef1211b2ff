import { execa, type ResultPromise } from "execa";

/**
 * Starts `dlcm serve` through the real binary and resolves once the replica is deployed and served (its
 * "Ctrl-C stops the replica" line); rejects if the command exits before that.
 *
 * @param args - `serve`'s arguments (scenario, --port, --addresses-out).
 * @returns the running subprocess, wrapped (a subprocess is a thenable: returned bare, awaiting it would
 * wait for serve to exit); the caller stops it.
 */
export async function startServe(
  args: string[],
): Promise<{ serve: ResultPromise<{ reject: false; all: true }> }> {
  const serve = execa(process.execPath, ["bin/dlcm.js", "serve", ...args], { reject: false, all: true });
  await new Promise<void>((resolve, reject) => {
    let text = "";
    serve.all!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("Ctrl-C stops the replica")) resolve();
    });
    serve.then((r) => reject(new Error(`dlcm serve exited early (${r.exitCode}):\n${r.all}`)));
  });
  return { serve };
}
