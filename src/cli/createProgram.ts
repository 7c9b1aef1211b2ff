import { Command, InvalidArgumentError, Option } from "commander";
import { allowedCpus } from "../chain/pinToCpu.js";
import { commandGexConvert, commandGexServe } from "./commandGex.js";
import { commandMap } from "./commandMap.js";
import { commandModel } from "./commandModel.js";
import { commandReplay } from "./commandReplay.js";
import { commandRun } from "./commandRun.js";
import { commandSchema } from "./commandSchema.js";
import { commandServe } from "./commandServe.js";
import { commandSweep } from "./commandSweep.js";
import { commandWorker } from "./commandWorker.js";

/** What an action returns: the process's exit code. */
type Exit = (code: number) => void;

const policyOption = () =>
  new Option(
    "--policy <file>",
    "a Sovereign Risk DAO policy (JSON/YAML, scenarios/policies/schema.json), e.g. scenarios/policies/sovereign-risk-dao.json",
  );
const chainOption = () =>
  new Option("--chain <backend>", "local chain: anvil (a process) or edr (Hardhat's in-process EVM)")
    .choices(["anvil", "edr"])
    .default("anvil");
const scanOption = () =>
  new Option(
    "--scan <mode>",
    "every-block: after each block read every borrower's health from the protocol itself; final: only at the end (faster)",
  )
    .choices(["every-block", "final"])
    .default("every-block");

function fraction(value: string): number {
  const x = Number(value);
  if (!(x > 0 && x < 0.5))
    throw new InvalidArgumentError("a fraction of the shock between 0 and 0.5, e.g. 0.005.");
  return x;
}
function port(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1 || x > 65_535) throw new InvalidArgumentError("a TCP port, e.g. 8545.");
  return x;
}
function blockNumber(value: string): string {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("a block number, e.g. 21000000.");
  return value;
}
function count(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 0 || x > 1000)
    throw new InvalidArgumentError("a count of cells, 0–1000, e.g. 6.");
  return x;
}
function workers(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1 || x > 16)
    throw new InvalidArgumentError("a number of chains, 1–16, e.g. 2.");
  return x;
}
function lockSeconds(value: string): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1 || x > 3600) throw new InvalidArgumentError("seconds, 1–3600, e.g. 30.");
  return x;
}
function cpuNumber(value: string): number {
  const x = Number(value);
  const cpus = allowedCpus();
  if (!Number.isInteger(x) || (cpus.length > 0 && !cpus.includes(x)))
    throw new InvalidArgumentError(`a CPU this machine lets DLCM use (${cpus.join(", ") || "0"}), e.g. 0.`);
  return x;
}
const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * DLCM's command line on commander: per-command help (`dlcm run --help`), typed and checked values, "did
 * you mean" for mistyped options and commands, and the global `--progress`, `--json` and `--debug`.
 * Each command's action hands its exit code to `exit`.
 *
 * @param exit - receives the exit code of the command that ran.
 * @returns the program; `parseAsync(argv)` runs it.
 * @example await createProgram((code) => (process.exitCode = code)).parseAsync(process.argv);
 */
export function createProgram(exit: Exit): Command {
  const program = new Command("dlcm")
    .description(
      "Delta-Leverage Cascade Model: a price shock driven through option hedging, AMM slippage and lending liquidations, on real contracts and in an exact model beside them. README.md explains every command and report field.",
    )
    .addOption(
      new Option(
        "--progress <mode>",
        "progress display: auto (in place on a terminal, plain lines elsewhere), plain, none",
      )
        .choices(["auto", "plain", "none"])
        .default("auto"),
    )
    .option("--json", "machine-readable output: JSON lines on stdout (progress events, then a summary)")
    .option("--debug", "show the stack trace of an unexpected error")
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError("(dlcm <command> --help shows the command's options)");

  program
    .command("model")
    .description("the analytical cascade alone: DIR/report.json, report.md and charts")
    .argument("<scenario>", "scenario file (JSON or YAML), e.g. scenarios/eth-crash-40pct-15m.json")
    .option("--out <dir>", "output directory (default out/<scenario name>)")
    .option("--no-ssf", "skip the Systemic Solvency Failure search")
    .addOption(policyOption())
    .option(
      "--ssf-precision <fraction>",
      "SSF search precision, a fraction of the shock (default the scenario's thresholds.ssfPrecision)",
      fraction,
    )
    .option(
      "--ssf-grid <fraction>",
      "SSF scan grid step before refinement (default the scenario's thresholds.ssfGridStep, 0.02)",
      fraction,
    )
    .action(async (path, o) => exit(await commandModel(path, o)));

  addRunCommand(program, exit);

  program
    .command("replay")
    .description(
      "a recorded price path (scenarios/replays/) through the oracle instead of the synthetic shock",
    )
    .argument("<path>", "price-path file, CSV or JSON")
    .requiredOption("--scenario <file>", "the scenario whose state the path runs through")
    .option("--asset <symbol>", "the column to replay (default: the scenario's underlying)")
    .addOption(chainOption())
    .addOption(scanOption())
    .option("--out <dir>", "output directory (default out/replay-<file>)")
    .action(async (path, o) => exit(await commandReplay(path, o)));

  const sweep = program
    .command("sweep")
    .description("one cascade per value (a grid for two parameters), all from one deployment's snapshot")
    .argument("<scenario>", "the base scenario")
    .requiredOption(
      "--param <path=v1,v2,...>",
      "a parameter and its values, e.g. oracle.latencyBlocks=0,1,2,5,10 (twice for a grid)",
      collect,
      [],
    )
    .addOption(chainOption())
    .option(
      "--workers <n>",
      "chains run at once, each with the same deployment (default: the cores, at most 4, on anvil; 1 on EDR, which runs in this process)",
      workers,
    )
    .option(
      "--queue <redis-url>",
      "run the variants on workers (dlcm worker) through a BullMQ queue on this Redis instead of here",
    )
    .addOption(policyOption())
    .option("--out <dir>", "output directory (default out/sweep-<scenario name>)")
    .action(async (path, o) => exit(await commandSweep(path, o)));
  addForkOptions(sweep);

  addWorkerCommand(program, exit);

  program
    .command("map")
    .description(
      "the Cross-Protocol Solvency Map: one model cascade per cell of two dimensions, each protocol's loss against its fund, chosen cells confirmed on chain",
    )
    .argument("<scenario>", "the base scenario")
    .requiredOption(
      "--x <path=values>",
      "across: shock.depth (the shock rescaled, shape kept) or any scenario path, values v1,v2,… or from:to:step",
    )
    .requiredOption("--y <path=values>", "down: another dimension, e.g. oracle.latencyBlocks=0,1,2,5")
    .option("--confirm <n>", "run this many cells on chain (the map's boundary first)", count, 0)
    .addOption(chainOption())
    .addOption(policyOption())
    .option("--out <dir>", "output directory (default out/map-<scenario name>)")
    .action(async (path, o) => exit(await commandMap(path, o)));

  program
    .command("serve")
    .description("deploy the scenario's replica on anvil and keep it running: a node to try fork mode on")
    .argument("<scenario>", "scenario file")
    .option("--port <port>", "TCP port", port, 8545)
    .option(
      "--addresses-out <file>",
      "where the address book is written (default out/<scenario>-replica/addresses.json)",
    )
    .action(async (path, o) => exit(await commandServe(path, o)));

  program
    .command("schema")
    .description("write the scenario JSON Schema (for editors)")
    .option("--out <file>", "where", "scenarios/schema.json")
    .action(async (o) => exit(await commandSchema(o)));

  addGexCommand(program, exit);
  return program;
}

/** `dlcm gex serve`: the public GEX feed (issue 19). */
function addGexCommand(program: Command, exit: Exit): void {
  const gex = program
    .command("gex")
    .description(
      "the public GEX feed: dealer gamma exposure of the scenario's books, recomputed every block",
    );
  gex
    .command("serve")
    .description(
      "follow a chain (the scenario's replica, or --rpc) and serve /v1/gex, its SSE stream, /metrics, /openapi.json and a live page",
    )
    .argument("<scenario>", "scenario file (its option books, underlying and reference pool)")
    .option("--rpc <url>", "follow this node instead (read-only; with --addresses)")
    .option("--addresses <file>", "the node's address book (as dlcm serve writes it)")
    .option("--port <port>", "TCP port", port, 8787)
    .option("--demo", "on the replica: run the scenario's crash once, so the feed has blocks to show")
    .option(
      "--books <snapshot>",
      "open interest from a venue snapshot (Deribit's book-summary JSON) instead of the scenario's books",
    )
    .action(async (path, o) => exit(await commandGexServe(path, o)));
  gex
    .command("convert")
    .description(
      "a venue snapshot (Deribit's get_book_summary_by_currency JSON) as a scenario optionBooks entry",
    )
    .argument("<snapshot>", "the snapshot file")
    .option("--pool <id>", "the pool the market maker hedges in", "weth-usdc-5")
    .option("--id <id>", "the book's id", "deribit")
    .option("--capital-usd <n>", "the market maker's capital", Number, 15_000_000)
    .option("--out <file>", "where (default: standard output)")
    .action(async (file, o) => exit(await commandGexConvert(file, o)));
}

/** `dlcm worker`: sweep variants from a queue (dlcm sweep --queue) on a local chain, until stopped. */
function addWorkerCommand(program: Command, exit: Exit): void {
  program
    .command("worker")
    .description("run sweep variants from a queue (dlcm sweep --queue) on a local chain, until stopped")
    .requiredOption("--queue <redis-url>", "the Redis the sweeps queue on, e.g. redis://127.0.0.1:6379")
    .option(
      "--lock-seconds <n>",
      "a variant whose worker stops renewing its lock this long goes to another worker",
      lockSeconds,
      30,
    )
    .option(
      "--cpu <n>",
      "pin this worker and its chains to one CPU (two workers on a 2-core machine: --cpu 0 and --cpu 1)",
      cpuNumber,
    )
    .action(async (o) => exit(await commandWorker(o)));
}

/** `dlcm run`: the cascade on real contracts (the replica or a fork); with --policy, the DAO's levers side by side. */
function addRunCommand(program: Command, exit: Exit): void {
  const run = program
    .command("run")
    .description(
      "the cascade on real contracts on a local chain (or a fork), the model beside it, every transaction checked to the wei",
    )
    .argument("<scenario>", "scenario file, e.g. scenarios/eth-crash-40pct-15m.json")
    .option("--out <dir>", "output directory (default out/<scenario name>)")
    .addOption(chainOption())
    .addOption(scanOption())
    .option(
      "--ssf",
      "also search the SSF threshold on chain (each probe a cascade from a snapshot; with --policy, each variant's in the model)",
    )
    .option(
      "--policy <file>",
      "a Sovereign Risk DAO policy: runs the scenario without it, with each lever alone and with all, side by side (DIR/dao.md)",
    )
    .option(
      "--ssf-precision <fraction>",
      "SSF search precision, a fraction of the shock (e.g. 0.005)",
      fraction,
    )
    .option(
      "--ssf-grid <fraction>",
      "SSF scan grid step before refinement, a fraction of the shock (default the scenario's thresholds.ssfGridStep, 0.02)",
      fraction,
    )
    .action(async (path, o) => exit(await commandRun(path, o)));
  addForkOptions(run);
}

/** Fork mode's flags (dlcm run, dlcm sweep): readForkOptions reads them. */
function addForkOptions(command: Command): Command {
  return command
    .option("--fork", "fork mode on MAINNET_RPC_URL (environment or .env; its key is never printed)")
    .option("--fork-url <url>", "fork mode on this RPC endpoint")
    .option(
      "--fork-block <n>",
      "fork at this block (default: the scenario's fork.blockNumber, else the latest)",
      blockNumber,
    )
    .option("--addresses <file>", "fork mode: the protocols' addresses on that chain (default: mainnet's)")
    .option("--borrowers <file>", "fork mode: borrowers to run, instead of discovery from Borrow events")
    .option(
      "--cache <dir>",
      "fork mode: where discovered borrowers are kept for a pinned block",
      ".cache/dlcm",
    );
}
