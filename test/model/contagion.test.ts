import { expect } from "chai";
import { runModel } from "../../src/model/runModel.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";

describe("contagion channels (issue 18)", () => {
  it("behavior: Comet's write-offs go on the collateral the absorbed accounts held (WETH in the default crash's cUSDC market), Aave's deficits on the collateral seized by the liquidations that burned them (summed from the liquidation events' bad debt, USDC at $1), none on '(written off)'; every market's channels add up to its loss", async () => {
    const report = runModel(await loadScenario("scenarios/eth-crash-40pct-15m.json"), { skipSsf: true });
    const channels = (market: string) => report.contagion!.losses.filter((l) => l.market === market);
    const comet = report.totals.badDebtByProtocol["compound-usdc"]!;
    // The default crash's cUSDC shortfall is realised by absorbs (nothing left open).
    expect(comet.realizedUsd).to.be.greaterThan(1_000);
    expect(comet.insolventOpenUsd).to.equal(0);
    expect(channels("compound-usdc").map((c) => c.token)).to.deep.equal(["WETH"]);
    expect(channels("compound-usdc")[0]!.usd).to.be.closeTo(comet.realizedUsd, 1e-6);
    // Aave: each liquidation event's bad debt (USDC, 6 decimals, fixed at $1) on the collateral it seized.
    const byEvents = new Map<string, number>();
    for (const e of report.events)
      if (e.market === "aave" && e.badDebt && e.badDebt !== "0") {
        expect(e.debt).to.equal("USDC");
        byEvents.set(e.collateral, (byEvents.get(e.collateral) ?? 0) + Number(e.badDebt) / 1e6);
      }
    expect([...byEvents.keys()].sort()).to.deep.equal(["WETH", "wstETH"]);
    expect(
      channels("aave")
        .map((c) => c.token)
        .sort(),
    ).to.deep.equal(["WETH", "wstETH"]);
    for (const c of channels("aave")) expect(c.usd).to.be.closeTo(byEvents.get(c.token)!, 1e-6);
    for (const [id, l] of Object.entries(report.totals.badDebtByProtocol)) {
      const sum = channels(id).reduce((s, c) => s + c.usd, 0);
      expect(sum).to.be.closeTo(l.totalUsd, 1e-6 * Math.max(1, l.totalUsd));
    }
  });
});
