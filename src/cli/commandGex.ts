import { readFile, writeFile } from "node:fs/promises";
import type { PublicClient } from "viem";
import { createChain } from "../chain/createChain.js";
import { createReadClient } from "../chain/createReadClient.js";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import { isRpcUrl } from "../chain/isRpcUrl.js";
import { UsageError } from "../errors/UsageError.js";
import { createGexFeed } from "../feed/createGexFeed.js";
import { createGexServer } from "../feed/createGexServer.js";
import { spotSourceOf } from "../feed/spotSourceOf.js";
import { openReplicaSession, type ReplicaSession } from "../harness/openReplicaSession.js";
import { runVariantOnChain } from "../harness/runVariantOnChain.js";
import { buildCascadeState } from "../model/cascade/buildCascadeState.js";
import { fromDeribitBookSummary } from "../model/options/fromDeribitBookSummary.js";
import { setScenarioParam } from "../model/sweep/setScenarioParam.js";
import type { AddressBook } from "../protocols/types.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { terminal } from "./terminal.js";

/**
 * `dlcm gex serve <scenario> [--rpc URL --addresses FILE] [--port 8787] [--demo]`: the public GEX feed of
 * the scenario's option books. With `--rpc` it follows that node (read-only: nothing is sent) at the
 * pools and feeds of the address book `dlcm serve` wrote; without it, it deploys the scenario's replica on
 * anvil and follows that, and `--demo` then runs the scenario's crash on it so the feed has something to
 * show. Serves /v1/gex, /v1/gex/stream, /metrics, /openapi.json and the live page until Ctrl-C.
 */
export async function commandGexServe(
  path: string,
  values: { rpc?: string; addresses?: string; port: number; demo?: boolean; books?: string },
): Promise<number> {
  const loaded = await loadScenario(path);
  // --books: the open interest of a venue snapshot instead of the scenario's books.
  const scenario = values.books
    ? setScenarioParam(loaded, "optionBooks", [
        (await convertSnapshot(values.books, { pool: loaded.referencePool, id: "venue", capitalUsd: 1e12 }))
          .book,
      ])
    : loaded;
  if (values.rpc !== undefined && !values.addresses) {
    throw new UsageError(
      "dlcm gex serve: --rpc needs --addresses FILE (the address book dlcm serve writes).",
    );
  }
  if (values.rpc !== undefined && !isRpcUrl(values.rpc)) {
    throw new UsageError(
      "dlcm gex serve: --rpc is not an RPC URL: expected http(s):// or ws(s):// and a host, e.g. http://127.0.0.1:8545.",
    );
  }
  let session: ReplicaSession | undefined;
  let client: PublicClient;
  let book: AddressBook;
  let chainId: number;
  if (values.rpc !== undefined) {
    client = createReadClient(values.rpc);
    book = JSON.parse(await readFile(values.addresses!, "utf8")) as AddressBook;
    chainId = await client.getChainId();
    terminal.done(`dlcm: GEX feed of ${scenario.name}, following the node at --rpc (chain ${chainId})`);
  } else {
    terminal.done(`dlcm: GEX feed of ${scenario.name}, on its replica (anvil)`);
    await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
    session = await openReplicaSession(await createChain({ backend: "anvil" }), scenario, {
      onProgress: (message, done, total) =>
        terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
    });
    client = session.chain.client as unknown as PublicClient;
    book = session.book;
    chainId = session.chain.chainId;
  }
  const books = buildCascadeState(scenario).books.map((b) => b.book);
  const feed = createGexFeed(client, {
    books,
    booksSource: `${values.books ?? path} (${books.reduce((n, b) => n + b.options.length, 0)} option lines)`,
    spot: spotSourceOf(scenario, book),
    chainId,
  });
  const server = await createGexServer(feed, { port: values.port });
  terminal.done(
    [
      `  serving on ${server.url}: /v1/gex, /v1/gex/stream (SSE), /metrics, /openapi.json, and the live page at /`,
      "  Ctrl-C stops it.",
    ].join("\n"),
  );
  try {
    if (session && values.demo) {
      terminal.done("  --demo: running the scenario's crash on the replica…");
      const run = await runVariantOnChain(session, scenario, { skipSsf: true });
      terminal.done(`  the crash ran: ${run.chain?.rounds.length ?? 0} blocks, the feed follows them`);
    }
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
  } finally {
    await server.close();
    feed.stop();
    await session?.stop();
  }
  return 0;
}

/** Reads a venue snapshot file (Deribit's book-summary shape) as a scenario option book. */
async function convertSnapshot(file: string, parameters: { pool: string; id: string; capitalUsd: number }) {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file}: not a readable JSON file (${(error as Error).message.split("\n")[0]}).`);
  }
  return fromDeribitBookSummary(json, parameters);
}

/**
 * `dlcm gex convert <snapshot> [--pool ID] [--id ID] [--capital-usd N] [--out FILE]`: a venue snapshot in
 * Deribit's book-summary shape as a scenario `optionBooks[]` entry (JSON), for a scenario or `--books`.
 */
export async function commandGexConvert(
  file: string,
  values: { pool: string; id: string; capitalUsd: number; out?: string },
): Promise<number> {
  const { book, snapshotMs, underlyingPrice } = await convertSnapshot(file, values);
  const text = `${JSON.stringify(book, null, 2)}\n`;
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
  terminal.done(
    `dlcm: ${book.options.length} option lines from ${file} (snapshot ${new Date(snapshotMs).toISOString()}, underlying $${underlyingPrice.toFixed(2)}); surface atm ${book.vol.atm.toFixed(4)}, skew ${book.vol.skew.toFixed(4)}${values.out ? ` → ${values.out}` : ""}`,
  );
  return 0;
}
