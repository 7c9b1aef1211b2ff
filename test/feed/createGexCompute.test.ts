import { expect } from "chai";
import { createGexCompute } from "../../src/feed/createGexCompute.js";
import { createGexKernel } from "../../src/model/gex/createGexKernel.js";
import { byInstrument, gexSnapshot } from "../../src/model/gex/gexSnapshot.js";
import type { OptionBook } from "../../src/model/options/types.js";

// 3,000 distinct instruments: over the threshold where the feed puts the flip's search on a second thread.
const book: OptionBook = {
  id: "wide",
  convention: "dealer-long-calls-short-puts",
  surface: { atmVol: 0.6, skew: -0.25, termSlope: 0, stressBeta: 1, realisedWeight: 0.01 },
  rate: 0,
  options: Array.from({ length: 3_000 }, (_, i) => ({
    type: i % 2 === 0 ? ("put" as const) : ("call" as const),
    strike: 1_500 + i * 0.8,
    expirySeconds: 86_400 * (1 + (i % 60)),
    size: 1 + (i % 5),
  })),
};

describe("the feed's compute on two threads (issue 19)", function () {
  this.timeout(60_000);

  it("behavior: with the flip searched on a worker thread the snapshot is gexSnapshot's, field for field, at several spots and times; the flip is a sign change of the GEX", async () => {
    const compute = createGexCompute([book], { parallel: true });
    try {
      // A day in, the one-day lines have expired (blackScholes' own path) and no flip is left in range.
      for (const [spot, t, flips] of [
        [2_400, 0, true],
        [3_000, 3_600, true],
        [3_300, 86_400, false],
      ] as const) {
        const got = await compute.snapshot(spot, t);
        expect(got).to.deep.equal(gexSnapshot([book], spot, t));
        if (!flips) {
          expect(got.gammaFlip).to.equal(null);
          continue;
        }
        // Independently of the root-finder: the GEX changes sign across the published flip.
        const k = createGexKernel([byInstrument(book)], t);
        expect(got.gammaFlip).to.be.a("number");
        const f = got.gammaFlip!;
        expect(Math.sign(k.gexAt(f * (1 - 1e-7)))).to.equal(-Math.sign(k.gexAt(f * (1 + 1e-7))));
        expect(k.gexAt(f)).to.equal(k.at(f).gex);
      }
    } finally {
      await compute.stop();
    }
  });

  it("default: a small book is computed on this thread (no worker), with the same numbers", async () => {
    const small = { ...book, options: book.options.slice(0, 100) };
    const compute = createGexCompute([small]);
    expect(await compute.snapshot(3_000, 0)).to.deep.equal(gexSnapshot([small], 3_000, 0));
    await compute.stop();
  });
});
