import { expect } from "chai";
import type { OracleModel } from "../../src/model/cascade/types.js";
import { updateOracle } from "../../src/model/cascade/updateOracle.js";

const E8 = 10n ** 8n;
const push = (deviationBps: number, heartbeatSeconds: number, latencyBlocks: number): OracleModel => ({
  symbol: "WETH",
  policy: { kind: "push", deviationBps, heartbeatSeconds, latencyBlocks },
  priceE8: 3000n * E8,
  lastPushBlock: 0,
});

describe("updateOracle", () => {
  it("default: a 0.5% deviation threshold ignores a 0.4% move and pushes a 0.5% one", () => {
    const history = [3000n * E8, 2988n * E8, 2985n * E8];
    const o1 = updateOracle(push(50, 3600, 0), 1, 12, history);
    expect(o1.priceE8).to.equal(3000n * E8);
    const o2 = updateOracle(o1, 2, 12, history);
    expect(o2.priceE8).to.equal(2985n * E8);
    expect(o2.lastPushBlock).to.equal(2);
  });
  it("behavior: latency makes the oracle report the market price of `latency` blocks ago", () => {
    const history = [3000n * E8, 2700n * E8, 2400n * E8, 2100n * E8];
    expect(updateOracle(push(50, 3600, 2), 3, 12, history).priceE8).to.equal(2700n * E8);
  });
  it("behavior: the heartbeat pushes an unchanged-enough price once it elapses", () => {
    const history = Array.from({ length: 301 }, () => 3001n * E8);
    expect(updateOracle(push(50, 3600, 0), 299, 12, history).priceE8).to.equal(3000n * E8);
    expect(updateOracle(push(50, 3600, 0), 300, 12, history).priceE8).to.equal(3001n * E8);
  });
  it("behavior: twap averages the window, floored", () => {
    const o: OracleModel = {
      symbol: "WETH",
      policy: { kind: "twap", windowBlocks: 3, latencyBlocks: 0 },
      priceE8: 0n,
      lastPushBlock: 0,
    };
    expect(updateOracle(o, 3, 12, [0n, 10n, 20n, 31n]).priceE8).to.equal(20n);
  });
});
