import type { Scenario } from "../model/scenario/schema.js";
import { testScenario } from "./testScenario.js";

/**
 * The test scenario with two competing bots on the same positions: one on 20,000 USDC of its own
 * (`capital`, tip 5 gwei) and one flash-borrowing (tip 2 gwei). The tests of bots' capital use it on the
 * model, the replica, a fork and report.html.
 */
export function capitalBotsScenario(): Scenario {
  const s = testScenario();
  return {
    ...s,
    liquidators: {
      ...s.liquidators,
      bots: [
        {
          id: "capital",
          priorityFeeGwei: 5,
          latencyBlocks: 0,
          capacityPerBlock: 3,
          ordering: "largest-debt",
          capital: { USDC: 20_000 },
        },
        { id: "flash", priorityFeeGwei: 2, latencyBlocks: 0, capacityPerBlock: 6, ordering: "largest-debt" },
      ],
    },
  };
}
