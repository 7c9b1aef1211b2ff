import { readFileSync } from "node:fs";
import { expect } from "chai";
import { createChain } from "../../src/chain/createChain.js";
import { openReplicaSession } from "../../src/harness/openReplicaSession.js";
import { PRUNE_HISTORY_FROM_BORROWERS, replicaPastStates } from "../../src/harness/replicaPastStates.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

// biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
const withAaveBorrowers = (count: number, edit: (raw: any) => void = () => {}) => {
  const raw = JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8"));
  raw.borrowers[0].generator.count = count;
  edit(raw);
  return parseScenario(raw);
};

describe("a large replica keeps one past state (anvil 1.7 copies its whole state into its history every block)", () => {
  it("default: fewer than 2,000 borrowers on chain keep every past state; from 2,000 on only the newest block's parent", () => {
    expect(PRUNE_HISTORY_FROM_BORROWERS).to.equal(2_000);
    // The default scenario: 300 Aave borrowers and Comet's own.
    expect(replicaPastStates(withAaveBorrowers(300))).to.deep.equal({});
    expect(replicaPastStates(withAaveBorrowers(10_000))).to.deep.equal({ pastStates: 1 });
    // Counted over every lending market that runs on chain: the default's other sets (Aave's 100, 200 and
    // a probe, Comet's 100 and 100) add 501 to the first set's count.
    const others =
      withAaveBorrowers(1).borrowers.reduce(
        (n, b) => n + ("generator" in b ? b.generator.count : b.positions.length),
        0,
      ) - 1;
    expect(others).to.equal(501);
    expect(replicaPastStates(withAaveBorrowers(2_000 - others - 1))).to.deep.equal({});
    expect(replicaPastStates(withAaveBorrowers(2_000 - others))).to.deep.equal({ pastStates: 1 });
  });

  it("behavior: the test cascade on a chain that keeps one past state is the full-history chain's, transaction for transaction, round for round", async () => {
    const full = await useReplica("anvil");
    await full.reset();
    const reference = await runVariantOnChain(full.session, full.scenario, { skipSsf: true });
    const session = await openReplicaSession(
      await createChain({ backend: "anvil", pastStates: 1 }),
      full.scenario,
    );
    try {
      const pruned = await runVariantOnChain(session, full.scenario, { skipSsf: true });
      const chain = pruned.chain!;
      expect(chain.actions.executed).to.be.greaterThan(100);
      expect(chain.actions.exact).to.equal(chain.actions.executed);
      expect(chain.scanCheck.agreed).to.equal(chain.scanCheck.blocks);
      // Everything but the chain's own block numbers and transaction hashes (the fixture's node has run
      // other tests' transactions before its snapshot was taken again).
      const rounds = (r: typeof pruned) =>
        JSON.stringify(
          r.chain!.rounds.map(({ chainBlock: _b, transactions, ...x }) => ({
            ...x,
            transactions: transactions.map(({ hash: _h, ...t }) => t),
          })),
        );
      expect(rounds(pruned)).to.equal(rounds(reference));
      expect(chain.totals).to.deep.equal(reference.chain!.totals);
    } finally {
      await session.stop();
    }
  });
});
