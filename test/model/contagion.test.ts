import { expect } from "chai";
import { runModel } from "../../src/model/runModel.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";

describe("contagion channels (issue 18)", () => {
  it("behavior: Comet's write-offs go on the collateral the absorbed accounts held (WETH in the default crash's cUSDC market), not on '(written off)'; Aave's deficits, which Aave books per debt reserve, stay there; every market's channels add up to its loss", async () => {
    const report = runModel(await loadScenario("scenarios/eth-crash-40pct-15m.json"), { skipSsf: true });
    const channels = (market: string) => report.contagion!.losses.filter((l) => l.market === market);
    const comet = report.totals.badDebtByProtocol["compound-usdc"]!;
    // The default crash's cUSDC shortfall is realised by absorbs (nothing left open).
    expect(comet.realizedUsd).to.be.greaterThan(1_000);
    expect(comet.insolventOpenUsd).to.equal(0);
    expect(channels("compound-usdc").map((c) => c.token)).to.deep.equal(["WETH"]);
    expect(channels("compound-usdc")[0]!.usd).to.be.closeTo(comet.realizedUsd, 1e-6);
    expect(channels("aave").map((c) => c.token)).to.deep.equal(["(written off)"]);
    for (const [id, l] of Object.entries(report.totals.badDebtByProtocol)) {
      const sum = channels(id).reduce((s, c) => s + c.usd, 0);
      expect(sum).to.be.closeTo(l.totalUsd, 1e-6 * Math.max(1, l.totalUsd));
    }
  });
});
