import { existsSync } from "node:fs";
import { isRpcUrl } from "../chain/isRpcUrl.js";
import { redactUrl } from "../chain/redactUrl.js";
import { secretRegistry } from "../chain/secretRegistry.js";
import type { RunScenarioOnChainParameters } from "../harness/runScenarioOnChain.js";
import type { Scenario } from "../model/scenario/schema.js";
import { resolveMainnetForkAddresses } from "../protocols/addresses/resolveMainnetForkAddresses.js";
import { loadBorrowerList } from "../scenario/loadBorrowerList.js";
import { loadForkAddresses } from "../scenario/loadForkAddresses.js";

export type ForkFlags = {
  fork?: boolean | undefined;
  forkUrl?: string | undefined;
  forkBlock?: string | undefined;
  addresses?: string | undefined;
  borrowers?: string | undefined;
  cache?: string | undefined;
};

/**
 * Fork mode from `dlcm run`'s flags: `--fork-url URL`, or `--fork` / `--fork-block N` with the URL from
 * `MAINNET_RPC_URL` (the environment, or a `.env` file in the working directory). The block comes from
 * `--fork-block`, else the scenario's `fork.blockNumber`, else the endpoint's latest. Addresses come from
 * `--addresses FILE`, else mainnet's list. Discovered borrowers are cached under `--cache` (default
 * `.cache/dlcm`) only when the block is pinned. The URL is never printed whole (redactUrl).
 *
 * @param flags - the parsed flags.
 * @param scenario - the scenario (its fork section and markets).
 * @returns the fork parameters, undefined for a replica run, or an error message for the user.
 */
export async function readForkOptions(
  flags: ForkFlags,
  scenario: Scenario,
): Promise<{ fork: RunScenarioOnChainParameters["fork"]; label: string } | { error: string } | undefined> {
  if (!flags.fork && !flags.forkUrl && !flags.forkBlock) return undefined;
  if (!flags.forkUrl && !process.env.MAINNET_RPC_URL && existsSync(".env")) process.loadEnvFile(".env");
  const url = flags.forkUrl ?? process.env.MAINNET_RPC_URL;
  if (!url)
    return {
      error:
        "fork mode needs an RPC endpoint: pass --fork-url URL, or set MAINNET_RPC_URL (in the environment or a .env file).",
    };
  // Registered before anything can echo it; the URL itself is never repeated in an error.
  secretRegistry.addUrl(url);
  const source = flags.forkUrl ? "--fork-url" : "MAINNET_RPC_URL";
  if (!isRpcUrl(url))
    return {
      error: `${source} is not an RPC URL: expected http(s):// or ws(s):// and a host, e.g. https://eth-mainnet.example/v2/<key> or http://127.0.0.1:8545.`,
    };
  let blockNumber: bigint | undefined;
  const block = flags.forkBlock ?? scenario.fork?.blockNumber?.toString();
  if (block !== undefined) {
    if (!/^\d+$/.test(block))
      return { error: `--fork-block is a block number, e.g. 21000000; got "${block}".` };
    blockNumber = BigInt(block);
  }
  const addresses = flags.addresses
    ? await loadForkAddresses(flags.addresses)
    : resolveMainnetForkAddresses(scenario);
  const aaveIds = scenario.markets.filter((m) => m.kind === "aave-v3").map((m) => m.id);
  const borrowers = flags.borrowers ? await loadBorrowerList(flags.borrowers, aaveIds) : undefined;
  return {
    label: `forking ${redactUrl(url)} at ${blockNumber === undefined ? "its latest block" : `block ${blockNumber}`}`,
    fork: {
      url,
      ...(blockNumber !== undefined ? { blockNumber } : {}),
      addresses,
      addressSource: flags.addresses ?? "mainnet list (src/protocols/addresses, @aave-dao/aave-address-book)",
      ...(borrowers ? { borrowers } : {}),
      ...(blockNumber !== undefined ? { cacheDir: flags.cache ?? ".cache/dlcm" } : {}),
    },
  };
}
