import { BaseError } from "../errors/BaseError.js";
import { commandModel } from "./commandModel.js";
import { commandReplay } from "./commandReplay.js";
import { commandRun } from "./commandRun.js";
import { commandSchema } from "./commandSchema.js";
import { commandServe } from "./commandServe.js";
import { commandSweep } from "./commandSweep.js";
import { guardOutput } from "./guardOutput.js";

const HELP = `dlcm — Delta-Leverage Cascade Model

Usage:
  dlcm model <scenario> [--out DIR] [--no-ssf]
      the analytical cascade alone: DIR/report.json + report.md + charts
  dlcm run <scenario> [--chain anvil|edr] [--out DIR] [--ssf] [--ssf-precision 0.005] [--scan every-block|final]
      the cascade on real contracts on a local chain, the model beside it;
      --ssf also bisects the SSF threshold on chain (each probe a cascade from a snapshot);
      --scan final skips the per-block scan of every borrower's health factor on chain (faster)
  dlcm run <scenario> --fork-url URL | --fork  [--fork-block N] [--addresses FILE] [--borrowers FILE]
      the same cascade on a fork: the protocols' own contracts, borrowers and pools at block N;
      --fork takes the URL from MAINNET_RPC_URL (environment or .env); the URL's key is never printed
  dlcm replay <path.csv|json> --scenario <scenario> [--asset SYM] [--chain anvil|edr] [--scan every-block|final] [--out DIR]
      a recorded price path (scenarios/replays/) through the oracle instead of a synthetic shock
  dlcm sweep <scenario> --param PATH=v1,v2,... [--param PATH2=...] [--chain anvil|edr] [--out DIR]
      one cascade per value (a grid for two params), all from one deployment's snapshot;
      e.g. --param oracle.latencyBlocks=0,1,2,5,10 or --param shock.dropPct=20,30,40
  dlcm serve <scenario> [--port 8545] [--addresses-out FILE]
      deploy the scenario's replica on anvil and keep it running, its addresses in FILE:
      a node to try fork mode on without a mainnet endpoint (--fork-url http://127.0.0.1:8545)
  dlcm schema [--out FILE]
      write the scenario JSON Schema (default scenarios/schema.json)
  dlcm help

Fork mode runs Aave V3 and Uniswap V3; Compound V3 markets are left out of a fork run for now (issue 5).
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "model":
      return commandModel(rest);
    case "run":
      return commandRun(rest);
    case "replay":
      return commandReplay(rest);
    case "sweep":
      return commandSweep(rest);
    case "schema":
      return commandSchema(rest);
    case "serve":
      return commandServe(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`dlcm: unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

guardOutput();
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof BaseError) {
    process.stderr.write(`\n${error.name}: ${error.message}\n`);
    process.exitCode = 1;
  } else throw error;
}
