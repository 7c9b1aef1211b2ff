import { readFileSync } from "node:fs";
import { expect } from "chai";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { poolPriceE8 } from "../../src/model/cascade/poolPrice.js";
import { tradeOnPool } from "../../src/model/cascade/tradeOnPool.js";
import { bisect } from "../../src/model/math/bisect.js";
import type { OptionBook } from "../../src/model/options/types.js";
import { parseScenario } from "../../src/model/scenario/parseScenario.js";
import { gammaNeutralityPrice } from "../../src/model/thresholds/gammaNeutralityPrice.js";
import { gexProfile, netGexUsdPer1Pct } from "../../src/model/thresholds/gexProfile.js";
import { liquidityAbsorptionCapacity } from "../../src/model/thresholds/liquidityAbsorptionCapacity.js";

/** Dealers long a 3,300 call and short a 2,700 put, 1,000 each, flat vol σ, T years, r = 0. */
function flipBook(sigma: number, T: number): OptionBook {
  return {
    id: "b",
    convention: "dealer-long-calls-short-puts",
    rate: 0,
    surface: { atmVol: sigma, skew: 0, termSlope: 0, stressBeta: 0, realisedWeight: 0 },
    options: [
      { type: "call", strike: 3300, expirySeconds: T * 365 * 86_400, size: 1000 },
      { type: "put", strike: 2700, expirySeconds: T * 365 * 86_400, size: 1000 },
    ],
  };
}

describe("gammaNeutralityPrice", () => {
  it("default: long call K1 + short put K2, flat vol, r = 0 — the flip is √(K1·K2)·e^(−σ²T/2) (closed form)", () => {
    const sigma = 0.6;
    const T = 30 / 365;
    const book = flipBook(sigma, T);
    const expected = Math.sqrt(3300 * 2700) * Math.exp((-sigma * sigma * T) / 2);
    expect(gammaNeutralityPrice([book], 3000)!).to.be.closeTo(expected, 1e-4);
  });
  it("behavior: a book with gamma of one sign everywhere has no flip", () => {
    const book: OptionBook = {
      id: "b",
      convention: "dealer-short-all",
      rate: 0,
      surface: { atmVol: 0.5, skew: 0, termSlope: 0, stressBeta: 0, realisedWeight: 0 },
      options: [{ type: "put", strike: 2800, expirySeconds: 7 * 86_400, size: 100 }],
    };
    expect(gammaNeutralityPrice([book], 3000)).to.equal(null);
  });
});

describe("gexProfile (issue 17: the GEX profile in the report)", () => {
  it("invariant: the flip searched outward from the spot is the full scan's — every bracket of the 0.005·spot grid over [0.2, 3]·spot whose ends differ in sign (or start at 0) bisected, the root nearest the spot kept — on 200 random books, none included", () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const fullScan = (books: OptionBook[], spot: number, t: number): number | null => {
      const gex = (x: number) => netGexUsdPer1Pct(books, x, t);
      const grid: number[] = [];
      for (let x = 0.2; x <= 3.0001; x += 0.005) grid.push(spot * x);
      let best: number | null = null;
      for (let i = 1; i < grid.length; i++) {
        const [a, b] = [gex(grid[i - 1]!), gex(grid[i]!)];
        if (a !== 0 && Math.sign(a) === Math.sign(b)) continue;
        const root = bisect(gex, grid[i - 1]!, grid[i]!, spot * 1e-9);
        if (best === null || Math.abs(root - spot) < Math.abs(best - spot)) best = root;
      }
      return best;
    };
    let nulls = 0;
    for (let k = 0; k < 200; k++) {
      const options = Array.from({ length: 1 + Math.floor(rnd() * 10) }, () => ({
        type: rnd() < 0.5 ? ("call" as const) : ("put" as const),
        strike: 1000 + rnd() * 4000,
        expirySeconds: 86_400 * (0.5 + rnd() * 90),
        size: 1 + rnd() * 1000,
        ...(rnd() < 0.3 ? { dealerSide: rnd() < 0.5 ? ("short" as const) : ("long" as const) } : {}),
      }));
      const books: OptionBook[] = [
        {
          id: "r",
          convention: rnd() < 0.5 ? "dealer-long-calls-short-puts" : "dealer-short-all",
          rate: 0,
          surface: {
            atmVol: 0.2 + rnd(),
            skew: -0.4 + rnd() * 0.5,
            termSlope: 0,
            stressBeta: 1,
            realisedWeight: 0,
          },
          options,
        },
      ];
      const spot = 1500 + rnd() * 3000;
      const t = rnd() < 0.3 ? 86_400 * 30 * rnd() : 0;
      const expected = fullScan(books, spot, t);
      if (expected === null) nulls++;
      expect(gammaNeutralityPrice(books, spot, t), `book ${k}`).to.equal(expected);
    }
    expect(nulls).to.be.within(10, 150);
  });

  it("default: long call K1 + short put K2 — each point is the textbook Γ·S²·1%·size, and the sign flips once, at the flip", () => {
    const sigma = 0.6;
    const T = 30 / 365;
    const book = flipBook(sigma, T);
    // Black–Scholes gamma with r = 0: φ(d1) / (S σ √T), d1 = (ln(S/K) + σ²T/2) / (σ√T).
    const gamma = (S: number, K: number) => {
      const d1 = (Math.log(S / K) + (sigma * sigma * T) / 2) / (sigma * Math.sqrt(T));
      return Math.exp((-d1 * d1) / 2) / Math.sqrt(2 * Math.PI) / (S * sigma * Math.sqrt(T));
    };
    const profile = gexProfile([book], 3000);
    expect(profile).to.have.length(51);
    for (const p of profile) {
      const hand = 1000 * 0.01 * p.price * p.price * (gamma(p.price, 3300) - gamma(p.price, 2700));
      expect(p.gexUsdPer1Pct).to.be.closeTo(hand, Math.abs(hand) * 1e-9 + 1e-6);
    }
    const flip = gammaNeutralityPrice([book], 3000)!;
    const changes = profile.flatMap((p, i) =>
      i > 0 && Math.sign(p.gexUsdPer1Pct) !== Math.sign(profile[i - 1]!.gexUsdPer1Pct) ? [i] : [],
    );
    expect(changes).to.have.length(1);
    expect(flip).to.be.within(profile[changes[0]! - 1]!.price, profile[changes[0]!]!.price);
  });
});

describe("liquidityAbsorptionCapacity", () => {
  const s = parseScenario(JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8")));
  const pools = buildCascadeState(s).pools;
  it("default: selling the marginal capacity moves the pool price by 5% (within one tick's rounding)", () => {
    for (const pool of pools) {
      const lac = liquidityAbsorptionCapacity(pool, 0.05);
      const decimals = pool.token0.decimals;
      const after = tradeOnPool(pool, {
        kind: "sell",
        amount: BigInt(Math.round(lac.marginal.underlying * 1e6)) * 10n ** BigInt(decimals - 6),
      })!;
      const ratio = Number(poolPriceE8(after.pool)) / Number(poolPriceE8(pool));
      expect(ratio).to.be.closeTo(0.95, 2e-4);
    }
  });
  it("behavior: the average-price capacity exceeds the marginal one, and 10% exceeds 5%", () => {
    for (const pool of pools) {
      const a5 = liquidityAbsorptionCapacity(pool, 0.05);
      const a10 = liquidityAbsorptionCapacity(pool, 0.1);
      expect(a5.average.underlying).to.be.greaterThan(a5.marginal.underlying);
      expect(a10.marginal.underlying).to.be.greaterThan(a5.marginal.underlying);
    }
  });
});

describe("hedgeCrossoverPrice regions (issue 16)", () => {
  it("default: on the default's thin pool hedging drives the price only from $2,867.67 down to a floor, and the region's edges hold the definition there", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseScenario } = await import("../../src/model/scenario/parseScenario.js");
    const { buildCascadeState } = await import("../../src/model/cascade/buildCascadeState.js");
    const { hedgeCrossoverPrice } = await import("../../src/model/thresholds/hedgeCrossoverPrice.js");
    const { tradeOnPool } = await import("../../src/model/cascade/tradeOnPool.js");
    const { bookGreeks } = await import("../../src/model/options/bookGreeks.js");
    const { poolPriceUsd } = await import("../../src/model/cascade/poolPrice.js");
    const scenario = parseScenario(JSON.parse(readFileSync("scenarios/eth-crash-40pct-15m.json", "utf8")));
    const state = buildCascadeState(scenario);
    const pool = state.pools.find((p) => p.id === "weth-usdc-30")!;
    const spot = poolPriceUsd(pool);
    const h = hedgeCrossoverPrice(pool, state.books, spot);
    expect(h.regions.length).to.be.at.least(1);
    expect(h.price).to.equal(h.regions[0]!.from);
    const region = h.regions[0]!;
    expect(region.to).to.be.lessThan(region.from);
    expect(region.to).to.be.greaterThan(spot * 0.2); // it ends: below it hedging no longer drives the price
    // At a price, in one move of the pool to it: the hedge for the next 1% against what the pool absorbs.
    const hedgers = state.books.filter((b) => b.poolId === pool.id);
    const stress = { drawdown: 0, realisedVol: 0 };
    const delta = (s: number) =>
      hedgers.reduce((sum, b) => sum + bookGreeks(b.book, { spot: s, timeSeconds: 0, stress }).delta, 0);
    const drives = (price: number) => {
      const at =
        price >= spot
          ? pool
          : tradeOnPool(pool, { kind: "toPrice", ratioE18: BigInt(Math.round((price / spot) * 1e18)) })!.pool;
      const next = tradeOnPool(at, { kind: "toPrice", ratioE18: BigInt(Math.round(0.99 * 1e18)) })!;
      return Math.abs(delta(price * 0.99) - delta(price)) > Number(-next.underlyingDelta) / 1e18;
    };
    expect(drives(Math.sqrt(region.from * region.to)), "inside the region").to.equal(true);
    expect(drives(region.to * 0.97), "below the region").to.equal(false);
    expect(drives(spot), "at spot").to.equal(false);
  });
});
