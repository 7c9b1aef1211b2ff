import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../../src/model/cascade/shockPath.js";
import type { CascadeAction } from "../../src/model/cascade/types.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { capitalBotsScenario } from "../../src/testing/capitalBotsScenario.js";
import { testScenario } from "../../src/testing/testScenario.js";
import { runExactOnReplica } from "../helpers/runExactOnReplica.js";

const DEPTH = 0.4;

/** The test scenario with its liquidators as these competing bots (and, optionally, their block's terms). */
function withBots(
  bots: NonNullable<Scenario["liquidators"]["bots"]>,
  block?: Scenario["liquidators"]["block"],
): Scenario {
  const s = testScenario();
  return { ...s, liquidators: { ...s.liquidators, bots, ...(block ? { block } : {}) } };
}

/** Three competing bots: distinct tips, orderings and capacities; one sells on another pool. */
function raceScenario(block?: Scenario["liquidators"]["block"]): Scenario {
  return withBots(
    [
      { id: "fast", priorityFeeGwei: 5, latencyBlocks: 0, capacityPerBlock: 3, ordering: "largest-debt" },
      { id: "wide", priorityFeeGwei: 2, latencyBlocks: 0, capacityPerBlock: 6, ordering: "lowest-health" },
      // Sells into the thin 0.30% pool, where the others sell into the deep 0.05% one.
      {
        id: "slow",
        priorityFeeGwei: 1,
        latencyBlocks: 0,
        capacityPerBlock: 10,
        ordering: "largest-debt",
        pool: "weth-usdc-30",
      },
    ],
    block,
  );
}

function cascade(s: Scenario) {
  const actions: CascadeAction[] = [];
  const result = runCascade(buildCascadeState(s), {
    shock: shockMultipliers(s.shock, s.blockTimeSeconds, DEPTH),
    maxBlocks: s.maxBlocks,
    seed: s.seed,
    onAction: (a) => actions.push(a),
  });
  return { result, actions };
}

// Issue 16: liquidators that compete as bots do, on the model and on chain.
describe("competing liquidation bots (issue 16)", function () {
  this.timeout(300_000);

  it("the model: bots plan on the same state, the block goes by tip, a loser reverts and still pays gas", () => {
    const { result, actions } = cascade(raceScenario());
    const race = result.race!;
    expect(race.bots.map((b) => b.id)).to.deep.equal(["fast", "wide", "slow"]);
    const bots = race.bots;
    // Contention: the two bots without latency chase the same positions; the one bidding more wins each.
    expect(bots[1]!.reverted).to.be.greaterThan(0);
    for (const b of bots) {
      expect(b.sent).to.equal(b.won + b.reverted);
      // Reverted attempts cost gas: failedAttemptGas (300,000 by default) each, a liquidation 350,000.
      expect(b.gasUsed).to.equal(b.won * 350_000 + b.reverted * 300_000);
    }
    // Within each block the included transactions are in tip order: fast (5 gwei), wide (2), slow (1).
    for (const round of result.rounds) {
      const order = round.race?.included.map((i) => i.bot) ?? [];
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    }
    // Every reverted attempt names a position another bot's transaction took earlier in the same block.
    const byBlock = new Map<number, CascadeAction[]>();
    for (const a of actions) byBlock.set(a.block, [...(byBlock.get(a.block) ?? []), a]);
    const reverted = actions.filter(
      (a) => (a.kind === "liquidationCall" || a.kind === "absorb") && a.race?.reverted,
    );
    expect(reverted.length).to.equal(bots.reduce((n, b) => n + b.reverted, 0));
    for (const r of reverted) {
      if (r.kind !== "liquidationCall" && r.kind !== "absorb") continue;
      const block = byBlock.get(r.block)!;
      const earlier = block.slice(0, block.indexOf(r));
      const takenBefore = earlier.some(
        (a) =>
          (a.kind === "liquidationCall" || a.kind === "absorb") &&
          !a.race?.reverted &&
          a.market === r.market &&
          a.positionId === r.positionId,
      );
      expect(takenBefore, `${r.race!.botId} at block ${r.block} on ${r.positionId}`).to.equal(true);
    }
    // The base fee moves by EIP-1559 with the block's gas: other traffic (15M, the target) plus the bots'.
    const rounds = result.rounds.filter((r) => r.race);
    for (let i = 1; i < rounds.length; i++) {
      const prev = rounds[i - 1]!.race!;
      if (rounds[i]!.block !== rounds[i - 1]!.block + 1) continue;
      const excess = BigInt(prev.gasUsed - 15_000_000);
      const expected =
        prev.baseFeeWei + (excess > 0n ? max1((prev.baseFeeWei * excess) / 15_000_000n / 8n) : 0n);
      expect(rounds[i]!.race!.baseFeeWei).to.equal(expected);
    }
  });

  it("a bot with latency sees a position only that many blocks after it became liquidatable", () => {
    const alone = (latencyBlocks: number) => {
      const s = raceScenario();
      s.liquidators.bots = [{ ...s.liquidators.bots![0]!, latencyBlocks }];
      return cascade(s).result;
    };
    const first = (r: ReturnType<typeof alone>) => r.rounds.find((x) => x.liquidations > 0)!.block;
    expect(first(alone(2))).to.equal(first(alone(0)) + 2);
    expect(first(alone(5))).to.equal(first(alone(0)) + 5);
  });

  it("a block's gas room caps the race: what does not fit is dropped, the base fee climbs, fewer positions are liquidated", () => {
    // Room for two liquidations per block (700,000 of gas above other traffic).
    const tight = cascade(
      raceScenario({ gasLimit: 30_000_000, backgroundGas: 29_300_000, failedAttemptGas: 300_000 }),
    );
    const free = cascade(raceScenario());
    for (const round of tight.result.rounds) expect(round.race?.included.length ?? 0).to.be.at.most(2);
    const dropped = tight.result.race!.bots.reduce((n, b) => n + b.dropped, 0);
    expect(dropped).to.be.greaterThan(0);
    // Congestion: every block is above the target, so the base fee climbs 12.5% × (29.3M+ − 15M)/15M a block.
    const fees = tight.result.rounds.filter((r) => r.race).map((r) => r.race!.baseFeeWei);
    expect(fees[fees.length - 1]! > fees[0]! * 2n).to.equal(true);
    // Fewer liquidations fit per block: while the price is down positions wait, and the recovery leaves
    // some of them unliquidated (137 liquidations without the cap, 36 with it).
    const count = (r: typeof tight) => r.result.events.filter((e) => e.kind === "liquidationCall").length;
    expect(count(tight)).to.be.lessThan(count(free) / 2);
  });

  it("a bot with its own capital repays from it, sends a partial liquidation when it holds less than the protocol allows, and gets its proceeds back", () => {
    const { result, actions } = cascade(capitalBotsScenario());
    const [capital, flash] = result.race!.bots;
    expect(capital!.won).to.be.greaterThan(3);
    expect(flash!.won).to.be.greaterThan(0);
    const replay = replayCapital(actions);
    expect(replay.cappedByCapital).to.be.greaterThan(0);
    // Its inventory at the end: 20,000 USDC plus every liquidation's proceeds less its repay.
    expect(capital!.inventory).to.deep.equal({ aave: { USDC: String(replay.held) } });
    expect(replay.held > 20_000n * 10n ** 6n).to.equal(true);
    // The flash-loan bot has no inventory.
    expect(flash!.inventory).to.equal(undefined);
  });

  for (const backend of ["anvil", "edr"] as const)
    it(`on chain (${backend}): each bot sends to its own contract, the capital bot's contract repays from its balance, and ends holding what the model says`, async () => {
      const { run, chain, session } = await runExactOnReplica(capitalBotsScenario(), DEPTH, backend);
      expect(chain.race!.disagreements).to.deep.equal([]);
      const model = run.model!.race!.bots[0]!;
      // The token's own balance of the bot's contract, read on chain, against the model's inventory.
      expect(chain.race!.bots[0]!.inventory).to.deep.equal(model.inventory);
      expect(BigInt(model.inventory!.aave!.USDC!) > 20_000n * 10n ** 6n).to.equal(true);
      // Two contracts of their own, neither the market's shared liquidator: the liquidations were decoded
      // from each bot's own contract's Liquidation events (exact above), so they went there.
      const contracts = chain.race!.bots.map((b) => b.contracts?.aave);
      expect(new Set([...contracts, session.book.aave.aave!.liquidator]).size).to.equal(3);
      // The flash-loan bot's contract keeps nothing: its profit goes to its sender.
      expect(chain.race!.bots[1]!.inventory).to.equal(undefined);
      console.log(
        `      capital bot: ${model.won} liquidations, 20,000 → ${Number(model.inventory!.aave!.USDC) / 1e6} USDC`,
      );
    });

  for (const backend of ["anvil", "edr"] as const)
    it(`on chain (${backend}): the node orders the bots' transactions by tip, the same win and the same revert, each at the model's gas price`, async () => {
      const scenario = raceScenario();
      const { run, chain, replica } = await runExactOnReplica(scenario, DEPTH, backend);
      // The model run on the markets this replica runs (without Comet's source, Comet is left out of both).
      const model = run.model!.race!;
      const race = chain.race!;
      expect(race.disagreements).to.deep.equal([]);
      expect(race.agreed).to.equal(race.blocks).and.to.be.greaterThan(5);
      expect(race.gasPriceMismatches).to.equal(0);
      // Each bot's totals: the model's count its attempts on every market, the chain's those sent, so they
      // are the same only when every market of the scenario runs here (Comet needs its fetched source).
      const everyMarket = scenario.markets.every(
        (m) => replica.book.aave[m.id] || replica.book.compound?.[m.id] || replica.book.morpho?.[m.id],
      );
      if (everyMarket)
        expect(race.bots.map((b) => [b.id, b.sent, b.won, b.reverted])).to.deep.equal(
          model.bots.map((b) => [b.id, b.sent, b.won, b.reverted]),
        );
      else console.log("      (bot totals not compared: a market of the scenario is not on this replica)");
      // Reverted attempts used gas on chain too.
      const wide = race.bots[1]!;
      expect(wide.reverted).to.be.greaterThan(0);
      expect(BigInt(wide.gasUsedReverted) > 0n).to.equal(true);
      // The bot selling into the thin pool won some too: its sales ran there, exact like the others.
      expect(race.bots[2]!.won).to.be.greaterThan(0);
    });
});

/**
 * The capital bot's inventory replayed from its liquidations (20,000 USDC, less each repay, plus each
 * sale's proceeds), checking on the way that no liquidation puts up more than the bot holds; with the
 * liquidations where it put up all it held while the flash bot, in the same block, planned more on the
 * same position (a partial liquidation sized by capital).
 */
function replayCapital(actions: readonly CascadeAction[]) {
  let held = 20_000n * 10n ** 6n;
  let cappedByCapital = 0;
  const heldAtBlockStart = new Map<number, bigint>();
  for (const a of actions) {
    if (a.kind !== "liquidationCall" || a.race?.botId !== "capital") continue;
    if (!heldAtBlockStart.has(a.block)) heldAtBlockStart.set(a.block, held);
    expect(a.capitalAmount, "a capital bot puts up its own capital").to.not.equal(undefined);
    expect(a.flashAmount).to.equal(undefined);
    // It planned on the block's state: what it holds at the block's start bounds what it puts up.
    expect(a.capitalAmount! <= heldAtBlockStart.get(a.block)!).to.equal(true);
    if (a.race.reverted) continue;
    if (a.capitalAmount === heldAtBlockStart.get(a.block)) {
      const flash = actions.find(
        (b) =>
          b.kind === "liquidationCall" &&
          b.block === a.block &&
          b.race?.botId === "flash" &&
          b.positionId === a.positionId,
      );
      if (flash?.kind === "liquidationCall" && flash.flashAmount! > a.capitalAmount!) cappedByCapital++;
    }
    held += a.expected.saleProceeds - a.expected.debtRepaid;
  }
  return { held, cappedByCapital };
}

function max1(x: bigint): bigint {
  return x > 1n ? x : 1n;
}
