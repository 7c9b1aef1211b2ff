import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import type { AaveMarketModel } from "../../src/model/cascade/types.js";
import { calculateUserAccountData } from "../../src/model/lending/aave/calculateUserAccountData.js";
import { unopenableAtSeeding } from "../../src/model/markets/aave/unopenableAtSeeding.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";

// The replica's pre-seeding refusal: a book opens at zero rates, every index at 1 ray, so whether the Pool
// would refuse a position is its health then, not at block 0's indices after the history's interest.
describe("Aave seeding: which positions the Pool would refuse", () => {
  it("behavior: aweth-on-morpho at 30% WETH utilisation opens every position (the replica seeded it and ran 959/959 exact), though at block 0's indices after 730 days of interest some are below 1", async () => {
    const s = structuredClone(await loadScenario("scenarios/aweth-on-morpho.json"));
    const aaveSpec = s.markets[0] as Extract<(typeof s.markets)[number], { kind: "aave-v3" }>;
    aaveSpec.reserves.find((r) => r.asset === "WETH")!.utilization = 0.3;
    const aave = buildCascadeState(s).markets.find((m) => m.id === "aave") as AaveMarketModel;
    const prices = aave.reserves.map((r) =>
      BigInt(Math.round(s.assets.find((a) => a.symbol === r.symbol)!.priceUsd * 1e8)),
    );
    expect(
      unopenableAtSeeding(aave.reserves, aave.positions, prices, aave.profile, aave.eModeCategories),
    ).to.deep.equal([]);
    // The old check, at block 0's indices: the history's interest has pushed some under 1.
    const atBlockZero = aave.positions.filter(
      (p) =>
        calculateUserAccountData(aave.reserves, p, prices, aave.profile, aave.eModeCategories).healthFactor <
        10n ** 18n,
    );
    expect(atBlockZero.length).to.be.greaterThan(0);
    // A position below 1 at 1 ray is refused: the first position with three times its debt (its health factor is at most 2.2).
    const p = aave.positions[0]!;
    const doubled = { ...p, scaledDebt: p.scaledDebt.map((d) => d * 3n) };
    expect(
      unopenableAtSeeding(aave.reserves, [doubled], prices, aave.profile, aave.eModeCategories),
    ).to.have.length(1);
  });
});
