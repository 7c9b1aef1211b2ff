import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { createChain } from "../../src/chain/createChain.js";
import { PROJECT_ROOT } from "../../src/chain/loadArtifact.js";
import { openReplicaSession } from "../../src/harness/openReplicaSession.js";
import { readCascadeState } from "../../src/harness/readCascadeState.js";
import { runOnChain } from "../../src/harness/runOnChain.js";
import { runSweep } from "../../src/harness/runSweep.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import { ssfOnChain } from "../../src/harness/ssfOnChain.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { CascadeAction } from "../../src/model/cascade/types.js";
import { parsePricePath } from "../../src/model/replay/parsePricePath.js";
import { replayScenario } from "../../src/model/replay/replayScenario.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { setScenarioParam } from "../../src/model/sweep/setScenarioParam.js";
import { systemicSolvencyFailure } from "../../src/model/thresholds/systemicSolvencyFailure.js";
import { linearCrash } from "../../src/testing/linearCrash.js";
import { modelScript } from "../../src/testing/modelScript.js";
import { useReplica } from "../../src/testing/replicaFixture.js";

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));

describe("variants from one snapshot: replays, sweeps, SSF on chain", function () {
  this.timeout(300_000);

  it("default: a replay of a recorded path ends in the same chain state as the synthetic shock with that path", async () => {
    const { session, replica, chain } = await useReplica("anvil");
    const synthetic = linearCrash();
    const path = parsePricePath("t,WETH\n0,3000\n900,1800\n", "csv", "linear-40");
    const replay = replayScenario(synthetic, path).scenario;
    const end = async (scenario: typeof synthetic) => {
      const run = await runVariantOnChain(session, scenario, { skipSsf: true });
      expect(run.error).to.equal(undefined);
      const state = await readCascadeState(chain, { book: replica.book, base: replica.state });
      return { run, state };
    };
    const a = await end(synthetic);
    const b = await end(replay);
    expect(a.run.chain!.totals.liquidations).to.be.greaterThan(0);
    expect(b.run.chain!.actions.exact).to.equal(b.run.chain!.actions.executed);
    // Same pools (slot0, liquidity, ticks), same Aave positions and indices, same feeds: to the wei.
    expect(json(b.state.pools)).to.equal(json(a.state.pools));
    expect(json(b.state.markets)).to.equal(json(a.state.markets));
    expect(json(b.state.oracles)).to.equal(json(a.state.oracles));
    expect(json(b.run.chain!.totals)).to.equal(json(a.run.chain!.totals));
  });

  it("behavior: variants are independent — revert restores the seeded state, and a repeat gives the same transactions", async () => {
    const { session, replica, chain } = await useReplica("anvil");
    await session.reset();
    const seeded = json(await readCascadeState(chain, { book: replica.book, base: replica.state }));
    const base = linearCrash();
    const first = await runVariantOnChain(session, base, { skipSsf: true });
    const other = await runVariantOnChain(session, setScenarioParam(base, "oracle.latencyBlocks", 5), {
      skipSsf: true,
    });
    const again = await runVariantOnChain(session, base, { skipSsf: true });
    expect(json(other.chain!.rounds)).to.not.equal(json(first.chain!.rounds));
    expect(json(again.chain!.rounds)).to.equal(json(first.chain!.rounds)); // hashes included
    await session.reset();
    expect(json(await readCascadeState(chain, { book: replica.book, base: replica.state }))).to.equal(seeded);
  });

  it("error: an oracle round the model left out is flagged by the policy applied on the chain's side", async () => {
    const fixture = await useReplica("anvil");
    const { session, replica, chain } = fixture;
    const scenario = linearCrash();
    const { initial, model, actions } = await modelScript(fixture, scenario);
    const dropped = actions.findIndex((a) => a.kind === "oracle");
    const skipped = actions[dropped]! as Extract<CascadeAction, { kind: "oracle" }>;
    const run = await runOnChain(chain, {
      book: replica.book,
      initial,
      actions: actions.filter((_, i) => i !== dropped),
      model,
      blockTimeSeconds: scenario.blockTimeSeconds,
    });
    expect(run.oracleCheck.disagreements[0]).to.deep.equal({
      block: skipped.block,
      symbol: "WETH",
      chain: String(skipped.priceE8),
      model: "no push",
    });
    // And with every round in place, the chain-side policy agrees on every block.
    await session.reset();
    const full = await runOnChain(chain, {
      book: replica.book,
      initial,
      actions,
      model,
      blockTimeSeconds: 12,
    });
    expect(full.oracleCheck.disagreements).to.deep.equal([]);
    expect(full.oracleCheck.blocks).to.equal(model.blocks);
    expect(full.oracleCheck.pushes).to.be.greaterThan(0);
  });

  it("behavior: a TWAP oracle runs on chain under the same policy as the model (every round agrees)", async () => {
    const { session } = await useReplica("anvil");
    const twap = setScenarioParam(linearCrash(), "oracles[WETH].policy", {
      kind: "twap",
      windowBlocks: 10,
      latencyBlocks: 1,
    });
    const run = await runVariantOnChain(session, twap, { skipSsf: true });
    expect(run.error).to.equal(undefined);
    const chain = run.chain!;
    expect(chain.oracleCheck.pushes).to.be.greaterThan(10);
    expect(chain.oracleCheck.disagreements).to.deep.equal([]);
    expect(chain.actions.exact).to.equal(chain.actions.executed);
    // A 10-block average lags the market: mid-fall, the feed is above the pool price.
    const mid = chain.rounds[Math.floor(chain.rounds.length / 3)]!;
    expect(mid.oraclePrice).to.be.greaterThan(mid.marketPrice);
  });

  it("behavior: more oracle latency never reduces bad debt on the shipped latency scenario, on chain", async () => {
    const scenario = parseScenario(
      JSON.parse(readFileSync(join(PROJECT_ROOT, "scenarios", "oracle-latency.json"), "utf8")),
    );
    const report = await runSweep(scenario, {
      params: [{ path: "oracle.latencyBlocks", values: [0, 2, 5, 10] }],
      backend: "anvil",
    });
    expect(report.deployments).to.equal(1);
    expect(report.rows.map((r) => r.error)).to.deep.equal([undefined, undefined, undefined, undefined]);
    for (const r of report.rows) expect(r.exactActions).to.equal(r.executedActions);
    const badDebt = report.rows.map((r) => r.chain!.badDebtUsd);
    for (let i = 1; i < badDebt.length; i++) expect(badDebt[i]).to.be.at.least(badDebt[i - 1]!);
    expect(badDebt[3]).to.be.greaterThan(badDebt[0]!); // latency makes it strictly worse here
    // Issue 20: the same sweep on a pool of two chains gives the same rows, in the same order.
    const pooled = await runSweep(scenario, {
      params: [{ path: "oracle.latencyBlocks", values: [0, 2, 5, 10] }],
      backend: "anvil",
      workers: 2,
    });
    const strip = (rows: typeof report.rows) => rows.map(({ ms: _ms, ...r }) => r);
    expect(strip(pooled.rows)).to.deep.equal(strip(report.rows));
  });

  it("behavior: the SSF scan on chain (grid, then each change bisected) brackets a failing and a surviving shock, and equals the model's, interval for interval", async () => {
    const { session, replica, chain } = await useReplica("anvil");
    // A small fund so the threshold lies inside the searched range (v3.6 clears most positions whole: its
    // deficits stay small until the shock is deep).
    const scenario = setScenarioParam(linearCrash(), "markets[aave].insuranceFundUsd", 100);
    const precision = 0.04;
    const gridStep = 0.1;
    const ssf = await ssfOnChain(session, scenario, { precision, gridStep });
    expect(ssf.shock).to.not.equal(null);
    expect(ssf.disagreements).to.deep.equal([]);
    for (const p of ssf.probes) expect(p.exactActions).to.equal(p.executedActions);
    // The bracket: the threshold itself failed on chain; the largest surviving probe is within the precision.
    const failingAt = ssf.probes.find((p) => p.shock === ssf.shock)!;
    expect(failingAt.failing).to.include("aave");
    expect(failingAt.badDebtUsd.aave).to.be.greaterThan(100);
    const surviving = ssf.probes
      .filter((p) => p.failing.length === 0 && p.shock < ssf.shock!)
      .map((p) => p.shock);
    const lo = surviving.length ? Math.max(...surviving) : 0;
    expect(ssf.shock! - lo).to.be.at.most(precision);
    // The model's own search, on the state read off the same chain, lands on the same depth.
    await session.reset();
    const base = buildCascadeState(scenario, {
      underlyingIsToken0: replica.state.pools[0]!.underlyingIsToken0,
    });
    const initial = await readCascadeState(chain, { book: replica.book, base });
    const model = systemicSolvencyFailure(initial, scenario, { precision, gridStep });
    expect(model.firstFailing).to.equal("aave");
    expect(model.shock).to.equal(ssf.shock);
    expect(model.intervals).to.deep.equal(ssf.intervals);
    expect(model.runs.map((r) => r.shock)).to.deep.equal(ssf.probes.map((p) => p.shock));
    // Issue 20: the grid on two chains at once (a second deployment of the same world) gives the same
    // search, probe for probe.
    const second = await openReplicaSession(await createChain({ backend: "anvil" }), scenario);
    try {
      const pooled = await ssfOnChain(session, scenario, { precision, gridStep, moreSessions: [second] });
      const strip = (r: typeof ssf) => ({ ...r, probes: r.probes.map(({ ms: _ms, ...p }) => p) });
      expect(strip(pooled)).to.deep.equal(strip(ssf));
    } finally {
      await second.stop();
    }
  });
});
