import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { PROJECT_ROOT } from "../../src/chain/loadArtifact.js";
import { runScenarioOnChain } from "../../src/harness/runScenarioOnChain.js";
import type { CascadeEvent } from "../../src/model/cascade/types.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { expectExactRun } from "../helpers/expectExactRun.js";

/** The shipped multi-asset crash (WETH and USDC lent and borrowed together), on v3.6, naming pairs one way or the other. */
function multiAsset(pair: "most-profitable" | "largest") {
  const raw = JSON.parse(
    readFileSync(join(PROJECT_ROOT, "scenarios", "eth-crash-aave-v3.7-multi-asset.json"), "utf8"),
  );
  raw.markets.find((m: { id: string }) => m.id === "aave").profile = "v3.6";
  raw.thresholds = { ssf: false };
  raw.liquidators.pair = pair;
  return parseScenario(raw);
}

/** Aave's PercentageMath.percentMul / percentDiv (half up), for the hand computation below. */
const percentMul = (x: bigint, bps: bigint) => (x * bps + 5_000n) / 10_000n;
const percentDiv = (x: bigint, bps: bigint) => (x * 10_000n + bps / 2n) / bps;

// Issue 16: a liquidator picks the collateral/debt pair, as well as the amount, that pays it most.
describe("liquidators name the pair that pays them most (issue 16)", function () {
  this.timeout(300_000);

  it("on a multi-asset book the bot liquidates a position through a smaller pair when it pays more than the largest one, on chain to the wei", async () => {
    const best = await runScenarioOnChain(multiAsset("most-profitable"), { backend: "anvil", scan: "final" });
    const largest = await runScenarioOnChain(multiAsset("largest"), { backend: "anvil", scan: "final" });
    for (const report of [best, largest]) expectExactRun(report);
    // The two runs are one cascade until a bot first names another pair than the largest one.
    const liquidations = (events: readonly CascadeEvent[]) =>
      events.filter((e) => e.kind === "liquidationCall" && e.collateral !== "");
    const a = liquidations(best.model!.events);
    const b = liquidations(largest.model!.events);
    const i = a.findIndex(
      (e, k) =>
        e.positionId !== b[k]?.positionId || e.collateral !== b[k]?.collateral || e.block !== b[k]?.block,
    );
    expect(i).to.be.greaterThan(0);
    const [chosen, big] = [a[i]!, b[i]!];
    expect([chosen.block, chosen.positionId]).to.deep.equal([big.block, big.positionId]);
    expect(`${chosen.collateral}/${chosen.debt}`).to.not.equal(`${big.collateral}/${big.debt}`);
    // Both repay USDC here: what each leaves the liquidator (sale proceeds less the repay, the chain's own
    // amounts, every transaction having matched) — the pair it named pays more than the largest would have.
    expect([chosen.debt, big.debt]).to.deep.equal(["USDC", "USDC"]);
    const margin = (e: CascadeEvent) => BigInt(e.saleProceeds) - BigInt(e.debtAmount);
    expect(margin(chosen) > margin(big)).to.equal(true);
    // USDC seized for USDC repaid needs no sale: by hand, Aave seizes the repay × 104.5% at equal prices
    // and keeps 10% of the bonus (the default protocol fee) for the treasury.
    expect(chosen.collateral).to.equal("USDC");
    const repaid = BigInt(chosen.debtAmount);
    const withBonus = percentMul(repaid, 10_450n);
    const fee = percentMul(withBonus - percentDiv(withBonus, 10_450n), 1_000n);
    expect(Number(BigInt(chosen.collateralAmount) - (withBonus - fee))).to.be.within(-2, 2);
    // Across the run the bots, free to name pairs, liquidate more.
    expect(a.length).to.be.greaterThan(b.length);
    console.log(
      `      block ${chosen.block}, ${chosen.positionId}: ${chosen.collateral}/${chosen.debt} leaves ${Number(margin(chosen)) / 1e6} USDC, ${big.collateral}/${big.debt} would have left ${Number(margin(big)) / 1e6}; ${a.length} liquidations against ${b.length}`,
    );
  });
});
