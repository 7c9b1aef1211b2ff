// Fork mode in `npm run bench`: the default scenario on a replica, then on a fork of that replica through
// fork mode's own path (address file, event discovery, feeds replaced, Comet and Aave prepared) — what
// preparing a fork costs, how fast its cascade runs against the replica's, and that both agree.
import { createChain } from "../src/chain/createChain.js";
import { openReplicaSession } from "../src/harness/openReplicaSession.js";
import { runScenarioOnChain } from "../src/harness/runScenarioOnChain.js";
import { runVariantOnChain } from "../src/harness/runVariantOnChain.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";
import { forkAddressesOf } from "../src/protocols/addresses/forkAddressesOf.js";

const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** Transactions by action kind that were mined successfully, from a chain report's rounds. */
function minedByKind(rounds: { transactions: { kind: string; status: string }[] }[]) {
  const out: Record<string, number> = {};
  for (const r of rounds)
    for (const t of r.transactions) if (t.status === "success") out[t.kind] = (out[t.kind] ?? 0) + 1;
  return out;
}

export async function benchFork(
  // biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON
  base: Record<string, any>,
): Promise<Record<string, unknown>> {
  const scenario = parseScenario(structuredClone(base));
  const now = () => performance.now();
  const upstream = await createChain({ backend: "anvil" });
  const session = await openReplicaSession(upstream, scenario, { now });
  try {
    let t = now();
    const replica = await runVariantOnChain(session, scenario, { skipSsf: true, scan: "every-block", now });
    const replicaMs = now() - t;
    await session.reset();
    const book = session.book;
    t = now();
    const fork = await runScenarioOnChain(scenario, {
      backend: "anvil",
      scan: "every-block",
      now,
      fork: {
        url: upstream.localRpcUrl!,
        blockNumber: await upstream.client.getBlockNumber(),
        addresses: forkAddressesOf(book),
        addressSource: "replica (bench)",
      },
    });
    const forkMs = now() - t;
    type Run = {
      timings: { chainCascadeMs?: number };
      comparison: { actions: { executed: number; exact: number } } | null;
      chain: { rounds: { marketPrice: number; transactions: { kind: string; status: string }[] }[] } | null;
      error?: { phase: string; message: string };
    };
    const maxGap = (a: Run, b: Run) => {
      const pa = a.chain?.rounds ?? [];
      const pb = b.chain?.rounds ?? [];
      if (pa.length !== pb.length) return null;
      return Math.max(...pa.map((r, i) => Math.abs(r.marketPrice - pb[i]!.marketPrice) / r.marketPrice));
    };
    const chainMs = (r: Run) => r.timings.chainCascadeMs ?? 0;
    const side = (r: Run, wallMs: number) => ({
      wallMs: round(wallMs),
      chainCascadeMs: round(chainMs(r)),
      transactions: r.comparison?.actions.executed ?? 0,
      exact: r.comparison?.actions.exact ?? 0,
      transactionsPerSecond: chainMs(r)
        ? round((r.comparison?.actions.executed ?? 0) / (chainMs(r) / 1000))
        : 0,
      mined: minedByKind(r.chain?.rounds ?? []),
      finalPrice: round(r.chain?.rounds.at(-1)?.marketPrice ?? 0, 2),
      error: r.error ?? null,
    });
    return {
      scenario: scenario.name,
      forkSetupMs: round(fork.timings.forkSetupMs ?? 0),
      replica: side(replica, replicaMs),
      fork: side(fork, forkMs),
      excluded: fork.fork?.excluded ?? [],
      forkToReplicaCascade: chainMs(replica) ? round(chainMs(fork) / chainMs(replica), 2) : null,
      // The same mined actions of each kind, and how far the pool prices of the two runs ever are apart: the
      // fork rebases option strikes on its pool's price (strikeScale), so hedges differ in the last digits.
      sameActions:
        JSON.stringify(Object.entries(minedByKind(replica.chain?.rounds ?? [])).sort()) ===
        JSON.stringify(Object.entries(minedByKind(fork.chain?.rounds ?? [])).sort()),
      strikeScale: fork.fork?.strikeScale ?? null,
      maxRoundPriceGapRelative: maxGap(replica, fork),
    };
  } finally {
    await session.stop();
  }
}
