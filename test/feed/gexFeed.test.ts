import { expect } from "chai";
import { createGexFeed, type GexEvent, type GexFeed } from "../../src/feed/createGexFeed.js";
import { createGexServer } from "../../src/feed/createGexServer.js";
import { readSpot } from "../../src/feed/readSpot.js";
import { spotSourceOf } from "../../src/feed/spotSourceOf.js";
import { runVariantOnChain } from "../../src/harness/runVariantOnChain.js";
import { buildCascadeState } from "../../src/model/cascade/buildCascadeState.js";
import { gexSnapshot } from "../../src/model/gex/gexSnapshot.js";
import { fromDeribitBookSummary } from "../../src/model/options/fromDeribitBookSummary.js";
import type { OptionBook } from "../../src/model/options/types.js";
import type { Scenario } from "../../src/model/scenario/schema.js";
import { setScenarioParam } from "../../src/model/sweep/setScenarioParam.js";
import { gammaNeutralityPrice } from "../../src/model/thresholds/gammaNeutralityPrice.js";
import { chromiumPath } from "../../src/testing/openInChromium.js";
import { readSseEvents } from "../../src/testing/readSseEvents.js";
import { useReplica } from "../../src/testing/replicaFixture.js";
import { testScenario } from "../../src/testing/testScenario.js";

const YEAR = 365 * 86_400;
/** A scenario's option books as the cascade builds them. */
const session0Books = (scenario: Scenario) => buildCascadeState(scenario).books.map((b) => b.book);
/** erf by its Maclaurin series (enough terms for |x| < 4 to 1e-13), for the textbook Black–Scholes. */
function erf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 200; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const N = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
/** Textbook call delta and gamma, no rate. */
function textbook(spot: number, strike: number, vol: number, t: number) {
  const d1 = (Math.log(spot / strike) + 0.5 * vol * vol * t) / (vol * Math.sqrt(t));
  return { callDelta: N(d1), gamma: phi(d1) / (spot * vol * Math.sqrt(t)) };
}
const flat = { atmVol: 0.6, skew: 0, termSlope: 0, stressBeta: 0, realisedWeight: 0 };
const book = (options: OptionBook["options"]): OptionBook => ({
  id: "b",
  convention: "dealer-long-calls-short-puts",
  options,
  surface: flat,
  rate: 0,
});

/** The feed's catching up to `block`, or an error naming its last failure after `ms`. */
async function caughtUp(feed: GexFeed, block: bigint, ms = 60_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the feed did not reach block ${block}: ${JSON.stringify(feed.stats())}`)),
      ms,
    );
  });
  try {
    await Promise.race([feed.caughtUp(block), late]);
  } finally {
    clearTimeout(timer);
  }
}

// Issue 19's public GEX feed.
describe("the GEX feed (issue 19)", function () {
  this.timeout(300_000);

  it("default: one long call, by hand — GEX = size·Γ·S²·1% with the textbook Γ, the hedge of a 1% fall −size·(Δ(0.99S) − Δ(S)), the call wall at its strike, no put wall", () => {
    const t = 30 / 365;
    const s = gexSnapshot(
      [book([{ type: "call", strike: 3300, expirySeconds: 30 * 86_400, size: 100 }])],
      3000,
      0,
    );
    const here = textbook(3000, 3300, 0.6, t);
    expect(s.netGexUsdPer1Pct).to.be.closeTo(100 * here.gamma * 3000 ** 2 * 0.01, 1e-6);
    expect(s.dealerDelta).to.be.closeTo(100 * here.callDelta, 1e-9);
    const fall = textbook(2970, 3300, 0.6, t);
    expect(s.hedgeFlowPer1PctFall).to.be.closeTo(-100 * (fall.callDelta - here.callDelta), 1e-9);
    // Dealers long the call buy into the fall (their delta shrinks, so they buy back the spot they sold).
    expect(s.hedgeFlowPer1PctFall).to.be.greaterThan(0);
    expect(s.perStrike).to.have.length(1);
    expect(s.perStrike[0]!.callUsdPer1Pct).to.be.closeTo(s.netGexUsdPer1Pct, 1e-9);
    expect(s.callWall).to.equal(3300);
    expect(s.putWall).to.equal(null);
    expect(s.profile).to.have.length(51);
    expect(s.profile[25]!.price).to.be.closeTo(3000, 1e-9);
    expect(s.profile[25]!.gexUsdPer1Pct).to.be.closeTo(s.netGexUsdPer1Pct, 1e-9);
  });

  it("default: long calls above, short puts below — the flip is where the two strikes' textbook gammas cancel, per-strike GEX adds up to the net, and each wall is its side's strike", () => {
    const expirySeconds = 30 * 86_400;
    const b = book([
      { type: "call", strike: 3300, expirySeconds, size: 100 },
      { type: "put", strike: 2500, expirySeconds, size: 100 },
    ]);
    const s = gexSnapshot([b], 3000, 0);
    const t = expirySeconds / YEAR;
    const net = (x: number) => textbook(x, 3300, 0.6, t).gamma - textbook(x, 2500, 0.6, t).gamma;
    expect(s.gammaFlip).to.not.equal(null);
    expect(Math.abs(net(s.gammaFlip!))).to.be.lessThan(1e-12);
    expect(Math.sign(net(s.gammaFlip! * 0.99))).to.not.equal(Math.sign(net(s.gammaFlip! * 1.01)));
    expect(s.gammaFlip!).to.be.within(2500, 3300);
    const sum = s.perStrike.reduce((acc, x) => acc + x.netUsdPer1Pct, 0);
    expect(sum).to.be.closeTo(s.netGexUsdPer1Pct, 1e-6);
    expect(s.callWall).to.equal(3300);
    expect(s.putWall).to.equal(2500);
  });

  it("invariant: a book's lines are summed by instrument — a line split in two halves, or repeated at half size, gives the same snapshot as the line itself", () => {
    const expirySeconds = 30 * 86_400;
    const whole = gexSnapshot([book([{ type: "put", strike: 2600, expirySeconds, size: 80 }])], 2900, 3_600);
    const halves = gexSnapshot(
      [
        book([
          { type: "put", strike: 2600, expirySeconds, size: 50 },
          { type: "put", strike: 2600, expirySeconds, size: 30 },
        ]),
      ],
      2900,
      3_600,
    );
    expect(halves.netGexUsdPer1Pct).to.be.closeTo(
      whole.netGexUsdPer1Pct,
      1e-9 * Math.abs(whole.netGexUsdPer1Pct),
    );
    expect(halves.hedgeFlowPer1PctFall).to.be.closeTo(whole.hedgeFlowPer1PctFall, 1e-9);
    expect(halves.perStrike).to.have.length(1);
    expect(halves.putWall).to.equal(2600);
    // Dealers short the put: negative GEX, they sell into the fall.
    expect(whole.netGexUsdPer1Pct).to.be.lessThan(0);
    expect(whole.hedgeFlowPer1PctFall).to.be.lessThan(0);
  });

  it("behavior: per-strike GEX of two books sharing strikes, block after block on the same books (their grouping kept between blocks) — each strike's call and put GEX is the sum of its lines' textbook size·Γ·S²·1%, signed by the dealer's side", () => {
    const t = 20 * 86_400;
    const books = [
      book([
        { type: "call", strike: 3200, expirySeconds: t, size: 40 },
        { type: "put", strike: 2800, expirySeconds: t, size: 25 },
      ]),
      {
        ...book([
          { type: "put", strike: 3200, expirySeconds: t, size: 10 },
          { type: "call", strike: 2500, expirySeconds: t, size: 5 },
        ]),
        id: "b2",
        convention: "dealer-short-all" as const,
      },
    ];
    for (const [spot, time] of [
      [3000, 0],
      [2700, 3_600],
      [3300, 7_200],
    ] as const) {
      const s = gexSnapshot(books, spot, time);
      const g = (strike: number) => textbook(spot, strike, 0.6, (t - time) / YEAR).gamma * spot * spot * 0.01;
      // Book 1 (dealer long calls, short puts); book 2 (dealer short all).
      const expected = [
        { strike: 2500, call: -5 * g(2500), put: 0 },
        { strike: 2800, call: 0, put: -25 * g(2800) },
        { strike: 3200, call: 40 * g(3200), put: -10 * g(3200) },
      ];
      expect(s.perStrike.map((r) => r.strike)).to.deep.equal([2500, 2800, 3200]);
      s.perStrike.forEach((row, i) => {
        const e = expected[i]!;
        expect(row.callUsdPer1Pct).to.be.closeTo(e.call, 1e-9 * Math.abs(e.call) + 1e-9);
        expect(row.putUsdPer1Pct).to.be.closeTo(e.put, 1e-9 * Math.abs(e.put) + 1e-9);
        expect(row.netUsdPer1Pct).to.be.closeTo(
          e.call + e.put,
          1e-9 * (Math.abs(e.call) + Math.abs(e.put)) + 1e-9,
        );
      });
      expect(s.callWall).to.equal(3200);
      expect(s.putWall).to.equal(2800);
    }
  });

  it("behavior: a venue snapshot in Deribit's book-summary shape becomes a scenario book — one line per instrument with open interest, expiry at 08:00 UTC counted from the snapshot, and the surface its marks were made on (σ = 0.62 − 0.25·ln(K/S)) fitted back; bad items are refused naming the field", async () => {
    const { readFileSync } = await import("node:fs");
    const raw = JSON.parse(readFileSync("scenarios/gex/deribit-eth-book-summary.json", "utf8"));
    const { book: converted, snapshotMs } = fromDeribitBookSummary(raw, {
      id: "deribit",
      pool: "weth-usdc-5",
      capitalUsd: 1e7,
    });
    expect(raw.result).to.have.length(95);
    expect(converted.options).to.have.length(95);
    expect(new Date(snapshotMs).toISOString()).to.equal("2026-11-20T12:00:00.000Z");
    const item = raw.result.find(
      (x: { instrument_name: string }) => x.instrument_name === "ETH-25DEC26-3000-P",
    );
    const line = converted.options.find(
      (o) => o.type === "put" && o.strike === 3000 && Math.abs(o.expiryDays - 34.8333) < 0.001,
    )!;
    // 25 Dec 2026 08:00 UTC − 20 Nov 2026 12:00 UTC = 34 days 20 hours.
    expect(line.expiryDays).to.be.closeTo(34 + 20 / 24, 1e-9);
    expect(line.size).to.equal(item.open_interest);
    expect(converted.vol.atm).to.be.closeTo(0.62, 1e-6);
    expect(converted.vol.skew).to.be.closeTo(-0.25, 1e-6);
    // It is a valid scenario book, and the feed computes on it.
    const scenario = setScenarioParam(testScenario(), "optionBooks", [converted]);
    const books = session0Books(scenario);
    expect(books[0]!.options).to.have.length(95);
    expect(gexSnapshot(books, 3000, 0).gammaFlip).to.not.equal(null);
    const refusal = (edit: (x: Record<string, unknown>) => void) => {
      const copy = structuredClone(raw);
      edit(copy.result[3]);
      try {
        fromDeribitBookSummary(copy, { id: "d", pool: "weth-usdc-5", capitalUsd: 1 });
        return "accepted";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal((x) => (x.instrument_name = "ETH-PERPETUAL"))).to.match(
      /result\[3\]\.instrument_name: expected an option/,
    );
    expect(refusal((x) => delete x.open_interest)).to.match(/result\[3\]\.open_interest: expected a number/);
  });

  it("behavior: following the replica through the crash, every block from the start to the last is published once and in order to every stream client; each one's spot is the chain loop's price at that block and its flip the model's root-found Gamma Neutrality Price there; /v1/gex is the last block, /metrics says so, bad paths get JSON errors", async () => {
    const { session, scenario, chain, reset } = await useReplica("anvil");
    await reset();
    const books = session.baseState(scenario).books.map((b) => b.book);
    const start = await chain.client.getBlockNumber();
    const feed = createGexFeed(chain.client, {
      books,
      booksSource: `scenario ${scenario.name}`,
      spot: spotSourceOf(scenario, session.book),
      chainId: chain.chainId,
      fromBlock: start,
      pollMs: 20,
    });
    const server = await createGexServer(feed);
    const abort = new AbortController();
    const streams: GexEvent[][] = [[], []];
    const readers = streams.map((events) =>
      readSseEvents(`${server.url}/v1/gex/stream`, abort.signal, (data) =>
        events.push(JSON.parse(data) as GexEvent),
      ),
    );
    try {
      await caughtUp(feed, start);
      while (server.clients() < 2) await new Promise((r) => setTimeout(r, 10));
      const run = await runVariantOnChain(session, scenario, { skipSsf: true });
      expect(run.chain!.actions.exact).to.equal(run.chain!.actions.executed);
      const last = await chain.client.getBlockNumber();
      await caughtUp(feed, last);
      await new Promise((r) => setTimeout(r, 100));
      const expected = Array.from({ length: Number(last - start) + 1 }, (_, i) => String(start + BigInt(i)));
      for (const events of streams) {
        // A client connecting gets the latest block at once; from there on, every block once, in order.
        const blocks = events.map((e) => e.block);
        const from = blocks.indexOf(String(start));
        expect(from).to.be.within(0, 1);
        expect(blocks.slice(from)).to.deep.equal(expected);
      }
      const byBlock = new Map(streams[0]!.map((e) => [e.block, e]));
      expect(run.chain!.rounds.length).to.be.greaterThan(10);
      for (const round of run.chain!.rounds) {
        const event = byBlock.get(String(round.chainBlock))!;
        expect(event.spot, `block ${round.chainBlock}`).to.be.closeTo(
          round.marketPrice,
          1e-6 * round.marketPrice,
        );
        expect(event.oracle).to.equal(round.oraclePrice);
        const gnp = gammaNeutralityPrice(books, event.spot, event.timeSeconds);
        if (gnp === null) expect(event.gammaFlip).to.equal(null);
        else expect(event.gammaFlip!).to.be.closeTo(gnp, 1e-9 * gnp);
      }
      // The spot is the pool's, read independently at a block in the middle.
      const mid = run.chain!.rounds[Math.floor(run.chain!.rounds.length / 2)]!;
      const { hash } = await chain.client.getBlock({ blockNumber: BigInt(mid.chainBlock) });
      const read = await readSpot(chain.client, spotSourceOf(scenario, session.book), hash);
      expect(byBlock.get(String(mid.chainBlock))!.spot).to.equal(read.spot);
      const latest = (await (await fetch(`${server.url}/v1/gex`)).json()) as GexEvent;
      expect(latest.block).to.equal(String(last));
      expect(latest.provenance.chainId).to.equal(chain.chainId);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).to.match(new RegExp(`^dlcm_gex_block ${last}$`, "m"));
      expect(metrics).to.match(/^dlcm_gex_stream_clients 2$/m);
      const missing = await fetch(`${server.url}/v2/nothing`);
      expect(missing.status).to.equal(404);
      expect(((await missing.json()) as { error: string }).error).to.match(/no such path/);
      const post = await fetch(`${server.url}/v1/gex`, { method: "POST" });
      expect(post.status).to.equal(405);
      const api = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(api.paths)).to.include.members(["/v1/gex", "/v1/gex/stream", "/metrics"]);
    } finally {
      abort.abort();
      await Promise.allSettled(readers);
      await server.close();
      feed.stop();
    }
  });

  it("error: a chain hiccup does not stop the feed — while the node fails every request the server still answers with the last block and counts the errors, and once it answers again the feed catches up with every block it missed, in order", async () => {
    const { session, scenario, chain, reset } = await useReplica("anvil");
    await reset();
    let down = false;
    const fail = () => {
      if (down) throw new Error("connection refused (the node is down)");
    };
    // The replica's client behind a switch that makes every call fail, as a node that went away does.
    const flaky = {
      async getBlockNumber(args?: { cacheTime?: number }) {
        fail();
        return chain.client.getBlockNumber(args);
      },
      async getBlock(args: { blockNumber: bigint }) {
        fail();
        return chain.client.getBlock(args);
      },
      async request(args: unknown) {
        fail();
        return chain.client.request(args as never);
      },
    } as unknown as Parameters<typeof createGexFeed>[0];
    const feed = createGexFeed(flaky, {
      books: session.baseState(scenario).books.map((b) => b.book),
      booksSource: "test",
      spot: spotSourceOf(scenario, session.book),
      chainId: chain.chainId,
      pollMs: 10,
      settleMs: 20,
    });
    const server = await createGexServer(feed);
    const seen: string[] = [];
    feed.subscribe((e) => seen.push(e.block));
    const mine = () => chain.client.request({ method: "evm_mine" as never, params: [] as never });
    try {
      const start = await chain.client.getBlockNumber();
      await caughtUp(feed, start);
      down = true;
      for (let i = 0; i < 5; i++) await mine();
      await new Promise((r) => setTimeout(r, 150));
      expect(feed.stats().errors).to.be.greaterThan(3);
      const during = await fetch(`${server.url}/v1/gex`);
      expect(during.status).to.equal(200);
      expect(((await during.json()) as GexEvent).block).to.equal(String(start));
      expect(await (await fetch(`${server.url}/metrics`)).text()).to.match(
        /^dlcm_gex_errors_total [1-9]\d*$/m,
      );
      down = false;
      await caughtUp(feed, start + 5n);
      expect(seen.slice(seen.indexOf(String(start)))).to.deep.equal(
        Array.from({ length: 6 }, (_, i) => String(start + BigInt(i))),
      );
    } finally {
      await server.close();
      feed.stop();
      await reset();
    }
  });

  it("behavior: the live page in headless Chromium draws the profile from the stream — one bar per grid price, the flip the feed's — with no console error", async function () {
    const executablePath = chromiumPath();
    if (!executablePath) {
      console.log(
        "      (skipped: no Chromium; .ci/run installs Debian's chromium package, or set CHROMIUM_PATH)",
      );
      this.skip();
    }
    const { session, scenario, chain, reset } = await useReplica("anvil");
    await reset();
    const feed = createGexFeed(chain.client, {
      books: session.baseState(scenario).books.map((b) => b.book),
      booksSource: `scenario ${scenario.name}`,
      spot: spotSourceOf(scenario, session.book),
      chainId: chain.chainId,
      pollMs: 20,
      settleMs: 50,
    });
    const server = await createGexServer(feed);
    const { launch } = await import("puppeteer-core");
    const browser = await launch({
      executablePath: executablePath!,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    try {
      await caughtUp(feed, await chain.client.getBlockNumber());
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push((e as Error).message));
      await page.goto(server.url, { waitUntil: "load" });
      await page.waitForFunction("window.dlcmGex && window.dlcmGex.blocks >= 1", { timeout: 30_000 });
      const drawn = (await page.evaluate("window.dlcmGex")) as {
        bars: number;
        flip: number | null;
        block: string;
      };
      const latest = feed.latest()!;
      expect(errors).to.deep.equal([]);
      expect(drawn.bars).to.equal(latest.profile.length);
      expect(drawn.block).to.equal(latest.block);
      expect(drawn.flip).to.equal(latest.gammaFlip);
      const text = (await page.evaluate("document.body.innerText")) as string;
      expect(text).to.include(`block ${latest.block}: spot $${latest.spot.toFixed(2)}`);
    } finally {
      await browser.close();
      await server.close();
      feed.stop();
    }
  });
});
