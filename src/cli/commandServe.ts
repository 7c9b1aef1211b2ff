import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createChain } from "../chain/createChain.js";
import { ensureContractsBuilt } from "../chain/ensureContractsBuilt.js";
import { openReplicaSession } from "../harness/openReplicaSession.js";
import { loadScenario } from "../scenario/loadScenario.js";
import { terminal } from "./terminal.js";

/**
 * `dlcm serve <scenario> [--port 8545] [--addresses-out FILE]`: deploys and seeds the scenario's replica
 * on anvil and keeps it running until Ctrl-C, with its address book written where `--addresses` reads it.
 * Fork mode can then be tried, and debugged, without a mainnet endpoint: `dlcm run … --fork-url` at the
 * replica finds its borrowers from Borrow events and runs exactly as on a mainnet fork.
 */
export async function commandServe(
  path: string,
  values: { port: number; addressesOut?: string },
): Promise<number> {
  const port = values.port;
  const scenario = await loadScenario(path);
  const out = values.addressesOut ?? `out/${scenario.name}-replica/addresses.json`;
  terminal.done(`dlcm: ${scenario.name} — replica on anvil, served on port ${port}`);
  await ensureContractsBuilt(() => terminal.done("  compiling contracts (first run)…"));
  const session = await openReplicaSession(await createChain({ backend: "anvil", port }), scenario, {
    onProgress: (message, done, total) =>
      terminal.progress(`  ${message}${done !== undefined && total ? ` (${done}/${total})` : ""}`),
  });
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(session.book, null, 2)}\n`);
    const block = await session.chain.client.getBlockNumber();
    terminal.done(
      [
        `  deployed and seeded: chain ${session.chain.chainId}, block ${block}, ${Object.values(session.book.borrowers).flat().length} borrowers`,
        `  addresses: ${out}`,
        "",
        "Fork it from another terminal:",
        `  npm run dlcm -- run ${path} --fork-url http://127.0.0.1:${port} --addresses ${out}`,
        "",
        "Ctrl-C stops the replica.",
      ].join("\n"),
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
  } finally {
    await session.stop();
  }
  return 0;
}
