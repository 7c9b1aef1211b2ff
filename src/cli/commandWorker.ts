import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import { pinToCpu } from "../chain/pinToCpu.js";
import { runSweepWorker } from "../harness/queue/runSweepWorker.js";
import { terminal } from "./terminal.js";

/** `dlcm worker --queue URL [--lock-seconds N] [--cpu N]`: run sweep variants from the queue until Ctrl-C. */
export async function commandWorker(values: {
  queue: string;
  lockSeconds: number;
  cpu?: number;
}): Promise<number> {
  await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
  // Before any chain starts: its anvil inherits the pin.
  if (values.cpu !== undefined && !pinToCpu(values.cpu))
    terminal.done(`  could not pin to CPU ${values.cpu} (taskset missing?): running unpinned`);
  const worker = runSweepWorker({
    queue: values.queue,
    lockSeconds: values.lockSeconds,
    now: () => performance.now(),
    onProgress: (message) => terminal.done(`  ${message}`),
  });
  await worker.ready;
  terminal.done(`dlcm: worker ready on the sweep queue (pid ${process.pid}); Ctrl-C stops it`);
  try {
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
  } finally {
    await worker.close();
  }
  return 0;
}
