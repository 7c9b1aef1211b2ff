import { readFileSync } from "node:fs";
import { expect } from "chai";
import fc from "fast-check";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { saleProceedsUpperBound } from "../../src/model/cascade/saleProceedsUpperBound.js";
import { tradeOnPool } from "../../src/model/cascade/tradeOnPool.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";

// The shipped V2-venue scenario has v3 pools (5 and 30 bps) and a v2 pair; built with the underlying as
// token0 and as token1, so every pool kind is sold into in both swap directions.
const pools = [true, false].flatMap((underlyingIsToken0) =>
  buildCascadeState(parseScenario(JSON.parse(readFileSync("scenarios/v2-liquidator-venue.json", "utf8"))), {
    underlyingIsToken0,
  }).pools.map((pool) => ({ pool, label: `${pool.id} (underlying token${underlyingIsToken0 ? 0 : 1})` })),
);

describe("saleProceedsUpperBound", () => {
  for (const { pool, label } of pools)
    it(`invariant: ${label} — never below what tradeOnPool pays for the sale, and within 1e-6 of it`, () => {
      fc.assert(
        fc.property(fc.double({ min: 12, max: 23.5, noNaN: true }), (log10Wei) => {
          const amount = BigInt(Math.round(10 ** log10Wei));
          const sale = tradeOnPool(pool, { kind: "sell", amount });
          const exact = sale ? Number(sale.quoteDelta) : 0;
          const bound = saleProceedsUpperBound(pool, Number(amount));
          expect(bound).to.be.at.least(exact);
          expect(bound - exact).to.be.at.most(1e-6 * exact + 1e3);
        }),
        { numRuns: 300, seed: 5 },
      );
    });
});
