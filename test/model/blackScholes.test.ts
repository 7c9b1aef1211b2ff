import { expect } from "chai";
import { ModelInputError } from "../../src/errors/ModelInputError.js";
import { blackScholes } from "../../src/model/options/blackScholes.js";
import { normCdf } from "../../src/model/options/normal.js";

// References: Hull, Options, Futures and Other Derivatives (examples 15.6 and 19.x), and Φ tables.
describe("normCdf", () => {
  it("default: matches tabulated values to 1e-12", () => {
    expect(normCdf(0)).to.equal(0.5);
    expect(normCdf(1.96)).to.be.closeTo(0.9750021048517795, 1e-12);
    expect(normCdf(-1)).to.be.closeTo(0.15865525393145707, 1e-12);
    expect(normCdf(3)).to.be.closeTo(0.9986501019683699, 1e-12);
  });
  it("behavior: symmetric, Φ(x) + Φ(−x) = 1", () => {
    for (const x of [0.1, 0.7, 1.3, 2.9, 5.5, 8]) expect(normCdf(x) + normCdf(-x)).to.be.closeTo(1, 1e-14);
  });
});

describe("blackScholes", () => {
  it("default: Hull example — S=42, K=40, r=10%, σ=20%, T=0.5: call 4.76, put 0.81", () => {
    const p = { spot: 42, strike: 40, timeYears: 0.5, vol: 0.2, rate: 0.1 };
    expect(blackScholes({ ...p, type: "call" }).price).to.be.closeTo(4.7594, 5e-4);
    expect(blackScholes({ ...p, type: "put" }).price).to.be.closeTo(0.8086, 5e-4);
  });
  it("behavior: Hull greeks — S=49, K=50, r=5%, σ=20%, T=20 weeks: Δ 0.522, Γ 0.066, vega 12.1, Θ −4.31/yr", () => {
    const g = blackScholes({ type: "call", spot: 49, strike: 50, timeYears: 0.3846, vol: 0.2, rate: 0.05 });
    expect(g.delta).to.be.closeTo(0.522, 1e-3);
    expect(g.gamma).to.be.closeTo(0.066, 1e-3);
    expect(g.vega).to.be.closeTo(12.1, 0.05);
    expect(g.theta).to.be.closeTo(-4.31, 0.01);
  });
  it("behavior: put-call parity and greek identities over a grid", () => {
    for (const S of [50, 100, 180])
      for (const K of [60, 100, 150])
        for (const T of [0.01, 0.5, 2]) {
          const p = { spot: S, strike: K, timeYears: T, vol: 0.45, rate: 0.03 };
          const c = blackScholes({ ...p, type: "call" });
          const q = blackScholes({ ...p, type: "put" });
          expect(c.price - q.price).to.be.closeTo(S - K * Math.exp(-0.03 * T), 1e-9);
          expect(c.delta - q.delta).to.be.closeTo(1, 1e-12);
          expect(c.gamma).to.be.closeTo(q.gamma, 1e-12);
          // Delta and gamma against central finite differences of the price.
          const h = S * 1e-4;
          const up = blackScholes({ ...p, type: "call", spot: S + h }).price;
          const dn = blackScholes({ ...p, type: "call", spot: S - h }).price;
          expect(c.delta).to.be.closeTo((up - dn) / (2 * h), 1e-6);
          expect(c.gamma).to.be.closeTo((up - 2 * c.price + dn) / (h * h), 1e-4);
        }
  });
  it("behavior: at expiry returns intrinsic value", () => {
    expect(blackScholes({ type: "put", spot: 90, strike: 100, timeYears: 0, vol: 0.5 }).price).to.equal(10);
    expect(blackScholes({ type: "call", spot: 90, strike: 100, timeYears: 0, vol: 0.5 }).delta).to.equal(0);
  });
  it("error: ModelInputError on a non-positive spot", () => {
    expect(() => blackScholes({ type: "call", spot: 0, strike: 1, timeYears: 1, vol: 0.2 })).to.throw(
      ModelInputError,
    );
  });
});
