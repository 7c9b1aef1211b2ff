import { execa, type ResultPromise } from "execa";
import { ChainStartError } from "../errors/ChainStartError.js";
import { getFreePort } from "./getFreePort.js";
import { PARENT_WATCHDOG } from "./parentWatchdog.js";
import { redactUrl } from "./redactUrl.js";
import { resolveAnvilBinary } from "./resolveAnvilBinary.js";
import { secretRegistry } from "./secretRegistry.js";

export type StartAnvilParameters = {
  /** Default: a free port. */
  port?: number;
  /** Fork this RPC endpoint (never printed: see redactUrl). */
  forkUrl?: string;
  forkBlockNumber?: bigint;
  /** Keep anvil's on-disk cache of the fork's state (~/.foundry/cache/rpc, by chain and block). Default true. */
  forkStorageCaching?: boolean;
  /** Seconds between blocks; default: automine (a block per transaction). */
  blockTime?: number;
  /** Start with automine off; blocks only come from `evm_mine`. */
  noMining?: boolean;
  /** Load a state file written by `dumpState` (a deployed replica). */
  loadState?: string;
  /** Write the state to this file when anvil exits. */
  dumpState?: string;
  /** Default "cancun", the EVM the project's contracts are compiled for, as on EDR. */
  hardfork?: string;
  /** Block gas limit; default 60M so seeding batches fit. */
  gasLimit?: bigint;
  /** Fixed genesis timestamp (seconds), for reproducible runs. */
  timestamp?: bigint;
  /**
   * Keep at most this many past blocks' states in memory (default: all). anvil 1.7 copies its whole state
   * into its history at every block: at 10,000 borrowers that is most of evm_mine's time. With 1, a
   * transaction of the newest block can still be traced (its parent state is kept); calls at older blocks
   * fail.
   */
  pastStates?: number;
  /** Milliseconds to wait for "Listening on"; default 30 s (a fork fetches its first block first). */
  startTimeoutMs?: number;
};

export type AnvilInstance = {
  port: number;
  rpcUrl: string;
  wsUrl: string;
  /** anvil's process id (tests check that none is left behind). */
  pid: number;
  /** Stops anvil and waits for it to exit (SIGTERM, then SIGKILL after 5 s). Safe to call twice. */
  stop: () => Promise<void>;
};

const STDERR_TAIL = 2_000;

/**
 * Starts anvil from the `@foundry-rs/anvil` package through execa, on a free port, and resolves once it
 * is listening. The process is killed when Node exits (execa `cleanup`: Ctrl-C, a crash) and, through a
 * parent-death watchdog (PARENT_WATCHDOG), within a second of this process dying in a way Node cannot
 * see (`kill -9`, the OOM killer): no anvil is ever left behind. `stop()` ends it earlier and waits.
 *
 * @param parameters - port, fork, mining and state options.
 * @returns the instance's URLs, pid and `stop`.
 * @throws {ChainStartError} when anvil exits or stays silent before listening; the message carries the
 * tail of its stderr.
 * @example
 * const anvil = await startAnvil({ forkUrl: process.env.MAINNET_RPC_URL, forkBlockNumber: 21_000_000n });
 * try { ... } finally { await anvil.stop(); }
 */
export async function startAnvil(parameters: StartAnvilParameters = {}): Promise<AnvilInstance> {
  // anvil echoes the fork URL in its errors, rewritten (no user info or default port, lowercased scheme
  // and host): its stderr is redacted by the URL's secret parts, and so is everything the process prints.
  if (parameters.forkUrl) secretRegistry.addUrl(parameters.forkUrl);
  const port = parameters.port ?? (await getFreePort());
  // By fee (maxFeePerGas), FIFO among equal fees: transactions sent at one fee keep the harness's order
  // (the model's); competing bots' tips order theirs (sendBlock).
  const args = [
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--hardfork",
    parameters.hardfork ?? "cancun",
    "--order",
    "fees",
  ];
  args.push("--gas-limit", String(parameters.gasLimit ?? 60_000_000n));
  // No states persisted to disk: anvil otherwise writes the states past its in-memory history to
  // ~/.foundry/anvil/tmp, and a day of cascades and benches left 78 GB there (the disk filled).
  // No past states written to disk (anvil had filled ~/.foundry/anvil/tmp with 78 GB); with `pastStates`,
  // at most that many kept in memory either (`--prune-history`, which implies the first).
  if (parameters.pastStates !== undefined) args.push("--prune-history", String(parameters.pastStates));
  else args.push("--max-persisted-states", "0");
  if (parameters.forkUrl) args.push("--fork-url", parameters.forkUrl);
  if (parameters.forkBlockNumber !== undefined)
    args.push("--fork-block-number", String(parameters.forkBlockNumber));
  if (parameters.forkUrl && parameters.forkStorageCaching === false) args.push("--no-storage-caching");
  if (parameters.blockTime !== undefined) args.push("--block-time", String(parameters.blockTime));
  if (parameters.noMining) args.push("--no-mining");
  if (parameters.loadState) args.push("--load-state", parameters.loadState);
  if (parameters.dumpState) args.push("--dump-state", parameters.dumpState);
  if (parameters.timestamp !== undefined) args.push("--timestamp", String(parameters.timestamp));

  // Through the parent-death watchdog: anvil never outlives this process, even one killed with SIGKILL.
  const child: ResultPromise = execa(
    "/bin/sh",
    ["-c", PARENT_WATCHDOG, "dlcm-anvil", resolveAnvilBinary(), ...args],
    {
      cleanup: true,
      reject: false,
      stdin: "ignore",
      buffer: false,
      forceKillAfterDelay: 5_000,
    },
  );
  let exited = false;
  // execa's subprocess does not expose exitCode; track the exit ourselves.
  void child.then(() => {
    exited = true;
  });
  let stderr = "";
  let anvilPid: number | undefined;
  child.stderr?.on("data", (chunk: Buffer) => {
    let text = chunk.toString();
    if (anvilPid === undefined) {
      const m = /^dlcm-watchdog: child (\d+)\n?/m.exec(text);
      if (m) {
        anvilPid = Number(m[1]);
        text = text.replace(m[0], "");
      }
    }
    stderr = (stderr + text).slice(-STDERR_TAIL);
  });
  const where = parameters.forkUrl ? ` forking ${redactUrl(parameters.forkUrl)}` : "";
  const fail = (reason: string) =>
    new ChainStartError(`anvil did not start${where}: ${reason}.`, {
      metaMessages: stderr
        ? [
            "anvil stderr (tail):",
            ...stderr
              .trim()
              .split("\n")
              .map((l) => `  ${secretRegistry.redact(l)}`),
          ]
        : undefined,
      docsPath: "#on-chain-how-dlcm-run-works",
    });

  await new Promise<void>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(fail(`no "Listening on" within ${parameters.startTimeoutMs ?? 30_000} ms`));
    }, parameters.startTimeoutMs ?? 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-STDERR_TAIL);
      if (stdout.includes("Listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.then((result) => {
      clearTimeout(timer);
      reject(fail(`it exited with code ${result.exitCode ?? result.signal}`));
    });
  });
  // Keep draining stdout so anvil never blocks on a full pipe.
  child.stdout?.resume();

  let stopped: Promise<void> | undefined;
  return {
    port,
    rpcUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: anvilPid ?? child.pid ?? -1,
    stop: () => {
      stopped ??= (async () => {
        if (!exited) child.kill("SIGTERM");
        await child;
      })();
      return stopped;
    },
  };
}
