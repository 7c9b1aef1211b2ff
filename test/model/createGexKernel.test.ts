import { expect } from "chai";
import fc from "fast-check";
import { createGexKernel } from "../../src/model/gex/createGexKernel.js";
import { bookGreeks } from "../../src/model/options/bookGreeks.js";
import { normCdf } from "../../src/model/options/normal.js";
import type { OptionBook } from "../../src/model/options/types.js";

const UNSTRESSED = { drawdown: 0, realisedVol: 0 };

describe("createGexKernel", () => {
  it("default: Φ is unchanged by sharing its exponential (textbook values)", () => {
    expect(normCdf(0)).to.equal(0.5);
    expect(normCdf(1.959963984540054)).to.be.closeTo(0.975, 1e-14);
    // Φ(−8) = 6.22096057427178e-16 (tables); the tail fraction holds it to 1e-8 relative.
    expect(normCdf(-8)).to.be.closeTo(6.22096057427178e-16, 1e-22);
    expect(normCdf(40)).to.equal(1);
  });

  it("behavior: on random books, spots and times its GEX and delta are bookGreeks' to the last bit (expired lines included)", () => {
    const option = fc.record({
      type: fc.constantFrom("call" as const, "put" as const),
      strike: fc.double({ min: 200, max: 9000, noNaN: true }),
      expirySeconds: fc.integer({ min: 0, max: 400 * 86_400 }),
      size: fc.double({ min: 0.01, max: 500, noNaN: true }),
      dealerSide: fc.constantFrom("long" as const, "short" as const),
    });
    const book = fc.record({
      options: fc.array(option, { minLength: 1, maxLength: 40 }),
      atmVol: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
      skew: fc.double({ min: -0.6, max: 0.2, noNaN: true }),
      termSlope: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      rate: fc.double({ min: 0, max: 0.08, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(book, { minLength: 1, maxLength: 3 }),
        fc.double({ min: 300, max: 8000, noNaN: true }),
        fc.integer({ min: 0, max: 30 * 86_400 }),
        (raw, spot, timeSeconds) => {
          const books: OptionBook[] = raw.map((b, i) => ({
            id: `b${i}`,
            convention: "dealer-short-all",
            surface: {
              atmVol: b.atmVol,
              skew: b.skew,
              termSlope: b.termSlope,
              stressBeta: 1,
              realisedWeight: 0.2,
            },
            rate: b.rate,
            options: b.options,
          }));
          let gex = 0;
          let delta = 0;
          for (const b of books) {
            const g = bookGreeks(b, { spot, timeSeconds, stress: UNSTRESSED });
            gex += g.gexUsdPer1Pct;
            delta += g.delta;
          }
          const at = createGexKernel(books, timeSeconds).at(spot);
          expect(at.gex).to.equal(gex);
          expect(at.delta).to.equal(delta);
        },
      ),
      { numRuns: 300, seed: 19 },
    );
  });
});
