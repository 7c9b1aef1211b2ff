import { expect } from "chai";
import fc from "fast-check";
import { bitmapWordsToCover } from "../../src/model/amm/v3/bitmapWordsToCover.js";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_TICK,
  MIN_TICK,
} from "../../src/model/amm/v3/TickMath.js";

// The word a tick's bit sits in, as UniswapV3Pool's TickBitmap.position computes it (compressed tick >> 8).
const wordOf = (tick: number, spacing: number) => Math.floor(Math.floor(tick / spacing) / 256);
// The tick of a price `factor` away from `tick`, found by TickMath on the scaled sqrt price (not by the
// log formula under test).
const tickAtFactor = (tick: number, factor: number) => {
  const scaleE9 = BigInt(Math.round(Math.sqrt(factor) * 1e9));
  return getTickAtSqrtRatio((getSqrtRatioAtTick(tick) * scaleE9) / 1_000_000_000n);
};

describe("bitmapWordsToCover", () => {
  it("default: 12 words each way at spacing 10 for ×20 (ln 20 / ln 1.0001 = 29,958 ticks = 11.7 words of 2,560)", () => {
    expect(bitmapWordsToCover(10, 20)).to.equal(12);
    expect(bitmapWordsToCover(60, 20)).to.equal(2); // 29,958 / 15,360 = 1.95 words
  });

  it("behavior: from any current tick, the ticks at ×factor and ÷factor lie within the words it returns", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 10, 60, 200),
        fc.double({ min: 1.01, max: 50, noNaN: true }),
        fc.integer({ min: -400_000, max: 400_000 }),
        (spacing, factor, tick) => {
          const words = bitmapWordsToCover(spacing, factor);
          const here = wordOf(tick, spacing);
          const up = Math.min(tickAtFactor(tick, factor), MAX_TICK);
          const down = Math.max(tickAtFactor(tick, 1 / factor), MIN_TICK);
          expect(wordOf(up, spacing) - here).to.be.at.most(words);
          expect(here - wordOf(down, spacing)).to.be.at.most(words);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("behavior: no word is read for nothing: from the last tick of a word, the far tick is that many words up", () => {
    for (const [spacing, factor] of [
      [10, 20],
      [60, 20],
      [1, 1.5],
    ] as const) {
      const words = bitmapWordsToCover(spacing, factor);
      const tick = 256 * spacing * 8 - spacing; // last spaced tick of word 7
      expect(wordOf(tickAtFactor(tick, factor), spacing) - wordOf(tick, spacing)).to.equal(words);
    }
  });
});
