import { expect } from "chai";
import fc from "fast-check";
import { createGexKernel } from "../../src/model/gex/createGexKernel.js";
import { bookGreeks, lineGreeks } from "../../src/model/options/bookGreeks.js";
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

  it("behavior: on random books, spots and times its GEX and delta are bookGreeks' within 1e-12 of the book's gross exposure (expired lines included)", () => {
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
          // The gross exposures (Σ|size·Γ|·S²·1%, Σ|size·Δ|): what the kernel's ln S − ln K rounding scales with.
          let grossGex = 0;
          let grossDelta = 0;
          for (const b of books) {
            const g = bookGreeks(b, { spot, timeSeconds, stress: UNSTRESSED });
            gex += g.gexUsdPer1Pct;
            delta += g.delta;
            for (const o of b.options) {
              const line = lineGreeks(b, o, { spot, timeSeconds, stress: UNSTRESSED });
              grossGex += Math.abs(o.size * line.gamma) * spot * spot * 0.01;
              grossDelta += Math.abs(o.size * line.delta);
            }
          }
          const kernel = createGexKernel(books, timeSeconds);
          const at = kernel.at(spot);
          expect(Math.abs(at.gex - gex)).to.be.at.most(1e-12 * grossGex + 1e-300);
          expect(Math.abs(at.delta - delta)).to.be.at.most(1e-12 * grossDelta + 1e-300);
          // gexAt and lineGammas are the same evaluation: at's GEX to the bit, and each line's gamma.
          expect(kernel.gexAt(spot)).to.equal(at.gex);
          kernel.lineGammas(spot).forEach((lines, b) =>
            lines.forEach((g, i) => {
              const line = lineGreeks(books[b]!, books[b]!.options[i]!, {
                spot,
                timeSeconds,
                stress: UNSTRESSED,
              });
              expect(Math.abs(g - line.gamma)).to.be.at.most(1e-12 * line.gamma + 1e-300);
            }),
          );
        },
      ),
      { numRuns: 300, seed: 19 },
    );
  });
});
