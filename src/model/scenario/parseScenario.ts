import { ScenarioValidationError } from "../../errors/ScenarioValidationError.js";
import { assetWeights } from "./assetWeights.js";
import { type Scenario, scenarioSchema } from "./schema.js";

/** One problem in a scenario: where, what was expected, what was there. */
export type ScenarioIssue = { path: string; expected: string; found: string };

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, key) =>
        typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
      "",
    ) || "(root)"
  );
}

/** Cross-references the schema cannot express: every symbol and id must point at something. */
/** The most blocks a cascade runs (maxBlocks' own limit). */
const MAX_CASCADE_BLOCKS = 100_000;

type Need = (ok: boolean, path: string, expected: string, found: unknown) => void;

/** The liquidators' pools, and the competing bots' pools and unique ids. */
/** A risk steward acts on one reserve of an Aave market, through the configurator's rules (LT × bonus ≤ 100%). */
function checkRiskStewards(s: Scenario, need: Need): void {
  s.riskStewards.forEach((steward, i) => {
    const market = s.markets.find((m) => m.id === steward.market);
    const aaveIds = s.markets.filter((m) => m.kind === "aave-v3").map((m) => m.id);
    need(
      market?.kind === "aave-v3",
      `riskStewards[${i}].market`,
      `an Aave market's id (${aaveIds.join(", ") || "none defined"})`,
      steward.market,
    );
    if (market?.kind !== "aave-v3") return;
    const reserve = market.reserves.find((r) => r.asset === steward.asset);
    need(
      reserve !== undefined,
      `riskStewards[${i}].asset`,
      `a reserve of ${market.id} (${market.reserves.map((r) => r.asset).join(", ")})`,
      steward.asset,
    );
    if (!reserve) return;
    steward.levels.forEach((l, j) =>
      need(
        (l.liquidationThresholdBps * reserve.liquidationBonusBps) / 10_000 <= 10_000,
        `riskStewards[${i}].levels[${j}].liquidationThresholdBps`,
        `at most ${Math.floor(100_000_000 / reserve.liquidationBonusBps)} with the reserve's bonus ${reserve.liquidationBonusBps} (the configurator's LT × bonus ≤ 100%)`,
        l.liquidationThresholdBps,
      ),
    );
  });
}

/** A bridge brings a pegged asset in (its pool is the one it arbitrages), one bridge per asset, halting inside the run. */
function checkBridges(s: Scenario, need: Need): void {
  const pegged = s.assets.filter((a) => a.peg).map((a) => a.symbol);
  s.bridges.forEach((b, i) => {
    need(
      pegged.includes(b.asset),
      `bridges[${i}].asset`,
      `a pegged asset (assets[].peg: ${pegged.join(", ") || "none defined"}), whose own pool the bridge arbitrages`,
      b.asset,
    );
    need(
      s.bridges.findIndex((x) => x.asset === b.asset) === i,
      `bridges[${i}].asset`,
      "one bridge per asset",
      b.asset,
    );
    need(
      b.haltBlock === undefined || b.haltBlock <= s.maxBlocks,
      `bridges[${i}].haltBlock`,
      `a block within maxBlocks (${s.maxBlocks}), or no haltBlock for a bridge that never halts`,
      b.haltBlock,
    );
    need(
      b.exitSale === undefined || b.haltBlock !== undefined,
      `bridges[${i}].exitSale`,
      "a haltBlock (the exit sale starts when the bridge halts)",
      b.exitSale,
    );
    const top = b.topUps;
    if (!top) return;
    const market = s.markets.find((m) => m.id === top.market);
    need(
      market?.kind === "aave-v3" && market.profile !== "v3.0",
      `bridges[${i}].topUps.market`,
      `an Aave v3.6 or v3.7 market of the scenario (markets[].id: ${s.markets.map((m) => m.id).join(", ")})`,
      top.market,
    );
    if (market?.kind === "aave-v3")
      need(
        market.reserves.some((r) => r.asset === b.asset),
        `bridges[${i}].topUps.market`,
        `a market with a ${b.asset} reserve (the top-ups supply it)`,
        top.market,
      );
    need(
      top.restoreTo > top.healthFactorBelow,
      `bridges[${i}].topUps.restoreTo`,
      `above healthFactorBelow (${top.healthFactorBelow})`,
      top.restoreTo,
    );
  });
}

/** A safety module backs one market with a plain asset's stake, sold on that asset's own [token, quote] pool. */
function checkSafetyModules(s: Scenario, need: Need): void {
  s.safetyModules.forEach((m, i) => {
    const at = `safetyModules[${i}]`;
    need(
      s.markets.some((x) => x.id === m.market),
      `${at}.market`,
      `a market's id (${s.markets.map((x) => x.id).join(", ") || "none defined"})`,
      m.market,
    );
    need(
      s.safetyModules.findIndex((x) => x.market === m.market) === i,
      `${at}.market`,
      "one safety module per market",
      m.market,
    );
    const asset = s.assets.find((a) => a.symbol === m.token);
    need(
      asset !== undefined && !asset.peg && m.token !== s.underlying && m.token !== s.quote,
      `${at}.token`,
      "an asset of the scenario without a peg, neither the underlying nor the quote",
      m.token,
    );
    const pool = s.pools.find((p) => p.id === m.pool);
    need(
      pool?.pair?.[0] === m.token && pool.pair[1] === s.quote,
      `${at}.pool`,
      `a pool with pair ["${m.token}", "${s.quote}"]`,
      m.pool,
    );
  });
}

function checkLiquidators(
  s: Scenario,
  known: { poolIds: ReadonlySet<string>; symbols: ReadonlySet<string> },
  need: Need,
  dup: (values: string[], path: string) => void,
): void {
  const { poolIds, symbols } = known;
  need(poolIds.has(s.liquidators.pool), "liquidators.pool", "a pool id", s.liquidators.pool);
  s.liquidators.bots?.forEach((b, i) => {
    if (b.pool !== undefined) need(poolIds.has(b.pool), `liquidators.bots[${i}].pool`, "a pool id", b.pool);
    for (const asset of Object.keys(b.capital ?? {}))
      need(symbols.has(asset), `liquidators.bots[${i}].capital.${asset}`, "an asset symbol", asset);
  });
  dup(
    (s.liquidators.bots ?? []).map((b) => b.id),
    "liquidators.bots",
  );
}

/** The assets a position or generator borrows and lends. */
function sidesOf(p: { collateral: string | Record<string, number>; debt: string | Record<string, number> }): {
  debts: string[];
  collaterals: string[];
} {
  const names = (side: string | Record<string, number>) => assetWeights(side).map(([a]) => a);
  return { debts: names(p.debt), collaterals: names(p.collateral) };
}

/**
 * A position's e-mode category: one of its Aave market's, in which each of its debts is borrowable, and,
 * for an isolated one (v3.7), each of its collaterals on the category's collateral list (outside it a
 * collateral has LTV 0: the Pool would not enable it, nor let the user enter with it).
 */
function checkEMode(
  market: Scenario["markets"][number],
  eMode: number | undefined,
  sides: { debts: readonly string[]; collaterals: readonly string[] },
  path: string,
  need: Need,
): void {
  const { debts } = sides;
  if (eMode === undefined) return;
  if (market.kind !== "aave-v3") {
    need(false, path, "no e-mode (only Aave markets have e-mode categories)", eMode);
    return;
  }
  const category = market.eModeCategories.find((c) => c.id === eMode);
  const ids = market.eModeCategories.map((c) => c.id);
  need(
    category !== undefined,
    path,
    `one of ${market.id}'s eModeCategories ids (${ids.join(", ") || "none defined"})`,
    eMode,
  );
  for (const d of debts)
    if (category && !category.borrowable.includes(d))
      need(false, path, `a category in which ${d} is borrowable (add it to its borrowable list)`, eMode);
  for (const c of sides.collaterals)
    if (category?.isolated && !category.collateral.includes(c))
      need(
        false,
        path,
        `a category whose collateral holds ${c}: category ${eMode} is isolated (add ${c} to its collateral list, or choose another)`,
        eMode,
      );
}

/** A generator's collateral and debt mixes: assets of its market, and not one asset lent against itself. */
function checkGeneratorAssets(
  generator: { collateral: string | Record<string, number>; debt: string | Record<string, number> },
  path: string,
  market: { id: string; collaterals: readonly string[]; debts: readonly string[] },
  need: Need,
): void {
  const { collaterals, debts } = market;
  const collateral = assetWeights(generator.collateral).map(([a]) => a);
  const debt = assetWeights(generator.debt).map(([a]) => a);
  for (const a of collateral)
    need(
      collaterals.includes(a),
      `${path}.collateral`,
      `a collateral of ${market.id} (${collaterals.join(", ")})`,
      a,
    );
  for (const a of debt) {
    need(debts.includes(a), `${path}.debt`, `a borrowable asset of ${market.id} (${debts.join(", ")})`, a);
  }
  // A position may hold an asset on both sides (a loop), but not lend against only itself.
  need(
    !(collateral.length === 1 && debt.length === 1 && collateral[0] === debt[0]),
    `${path}.debt`,
    "an asset other than the collateral",
    debt[0],
  );
}

/**
 * Pegged assets (liquid-staking tokens of the underlying) and the pools and oracles they need: one own pool
 * [asset, peg], a starting price at the rate, no debt in them (their liquidators would have to buy them),
 * no Comet market on them; every pool trades the main pair or a pegged asset's; the pools the shock,
 * liquidators, books and perps use trade the main pair; an oracle follows a market only where the cascade
 * has one (the underlying, a pegged asset) and the exchange rate only of a pegged asset.
 */
function checkPegs(s: Scenario, need: Need): void {
  const pegged = new Map(s.assets.flatMap((a) => (a.peg ? [[a.symbol, a.peg] as const] : [])));
  const underlyingUsd = s.assets.find((a) => a.symbol === s.underlying)?.priceUsd ?? Number.NaN;
  s.assets.forEach((a, i) => {
    if (!a.peg) return;
    need(
      a.peg.asset === s.underlying,
      `assets[${i}].peg.asset`,
      `the underlying, ${s.underlying}`,
      a.peg.asset,
    );
    need(![s.underlying, s.quote].includes(a.symbol), `assets[${i}].peg`, "no peg on the main pair", a.peg);
    const startUsd = a.peg.rate * underlyingUsd;
    need(
      Math.abs(a.priceUsd - startUsd) <= 1e-9 * startUsd,
      `assets[${i}].priceUsd`,
      `${startUsd} (peg rate ${a.peg.rate} × ${s.underlying}'s ${underlyingUsd})`,
      a.priceUsd,
    );
    const own = s.pools.filter((p) => p.pair?.[0] === a.symbol && p.pair[1] === a.peg!.asset);
    need(
      own.length === 1,
      `assets[${i}].peg`,
      `exactly one pool with pair ["${a.symbol}", "${a.peg.asset}"] (its own market)`,
      `${own.length} such pools`,
    );
  });
  const mainPool = new Map(
    s.pools.map((p) => [p.id, !p.pair || (p.pair[0] === s.underlying && p.pair[1] === s.quote)]),
  );
  // A safety module's token trades on its own [token, quote] pool.
  const backstop = new Set(s.safetyModules.map((m) => m.token));
  s.pools.forEach((p, i) => {
    if (!p.pair || mainPool.get(p.id)) return;
    if (backstop.has(p.pair[0]) && p.pair[1] === s.quote) return;
    const peg = pegged.get(p.pair[0]);
    need(
      peg?.asset === p.pair[1],
      `pools[${i}].pair`,
      `[underlying, quote], [a pegged asset, its peg asset] or [a safety module's token, quote]`,
      p.pair,
    );
  });
  const main = (id: string | undefined, path: string) => {
    if (id !== undefined && mainPool.has(id))
      need(mainPool.get(id)!, path, `a pool of the main pair ${s.underlying}/${s.quote}`, id);
  };
  main(s.referencePool, "referencePool");
  main(s.liquidators.pool, "liquidators.pool");
  s.liquidators.bots?.forEach((b, i) => main(b.pool, `liquidators.bots[${i}].pool`));
  s.optionBooks.forEach((b, i) => main(b.pool, `optionBooks[${i}].pool`));
  s.perps.forEach((p, i) => main(p.pool, `perps[${i}].pool`));
  s.oracles.forEach((o, i) => {
    if (o.policy.kind === "exchange-rate")
      need(
        pegged.has(o.asset),
        `oracles[${i}].policy.kind`,
        "push, twap or fixed (exchange-rate is for a pegged asset)",
        o.asset,
      );
    else if (o.policy.kind !== "fixed")
      need(
        o.asset === s.underlying || pegged.has(o.asset),
        `oracles[${i}].policy.kind`,
        `fixed: only ${s.underlying} and pegged assets have a market price in the cascade`,
        o.policy.kind,
      );
  });
  s.markets.forEach((m, i) => {
    if (m.kind !== "compound-v3") return;
    if (m.priceFeeds === "in-base")
      need(
        m.base === s.underlying,
        `markets[${i}].base`,
        `the underlying ${s.underlying} for priceFeeds "in-base" (as cWETHv3), or priceFeeds "usd"`,
        m.base,
      );
    m.collaterals.forEach((c, j) =>
      m.priceFeeds === "in-base"
        ? need(
            pegged.get(c.asset)?.asset === m.base,
            `markets[${i}].collaterals[${j}].asset`,
            `an asset pegged to the base ${m.base} (an in-base market's liquidator sells it on its own pool for the base)`,
            c.asset,
          )
        : need(
            !pegged.has(c.asset),
            `markets[${i}].collaterals[${j}].asset`,
            `an asset without a peg (Comet's liquidator sells on one pool), or priceFeeds "in-base" with base ${pegged.get(c.asset)?.asset}`,
            c.asset,
          ),
    );
  });
  s.borrowers.forEach((b, i) => {
    const debts =
      "generator" in b
        ? assetWeights(b.generator.debt).map(([a]) => a)
        : b.positions.flatMap((p) => Object.keys(p.debt));
    for (const d of debts)
      need(
        !pegged.has(d),
        `borrowers[${i}]`,
        `no debt in the pegged asset ${d} (its liquidators would have to buy it)`,
        d,
      );
  });
}

/** Every market's assets are the scenario's, each once (Aave's reserves), Morpho's loan and collateral distinct. */
function checkMarketAssets(
  s: Scenario,
  symbols: ReadonlySet<string>,
  known: string,
  need: Need,
  dup: (values: string[], path: string) => void,
): void {
  s.markets.forEach((m, i) => {
    if (m.kind === "aave-v3") {
      m.reserves.forEach((r, j) =>
        need(symbols.has(r.asset), `markets[${i}].reserves[${j}].asset`, known, r.asset),
      );
      dup(
        m.reserves.map((r) => r.asset),
        `markets[${i}].reserves`,
      );
      m.umbrella.forEach((u, j) =>
        need(
          m.reserves.some((r) => r.asset === u.asset),
          `markets[${i}].umbrella[${j}].asset`,
          `a reserve of market ${m.id}`,
          u.asset,
        ),
      );
      dup(
        m.umbrella.map((u) => u.asset),
        `markets[${i}].umbrella`,
      );
    } else if (m.kind === "morpho-blue") {
      need(symbols.has(m.loan), `markets[${i}].loan`, known, m.loan);
      need(symbols.has(m.collateral), `markets[${i}].collateral`, known, m.collateral);
      need(
        m.collateral !== m.loan,
        `markets[${i}].collateral`,
        "another asset than the loan token",
        m.collateral,
      );
      const wrapper = m.collateralWrapper;
      if (wrapper) {
        const aave = s.markets.slice(0, i).find((a) => a.id === wrapper.market);
        need(
          aave?.kind === "aave-v3" && aave.profile !== "v3.0",
          `markets[${i}].collateralWrapper.market`,
          "the id of an Aave market of profile v3.6 or v3.7 listed before this one (StataTokenV2 runs on those)",
          wrapper.market,
        );
        if (aave?.kind === "aave-v3")
          need(
            aave.reserves.some((r) => r.asset === m.collateral),
            `markets[${i}].collateral`,
            `a reserve of market ${aave.id} (its static aToken wraps it)`,
            m.collateral,
          );
      }
    } else {
      need(symbols.has(m.base), `markets[${i}].base`, known, m.base);
      m.collaterals.forEach((c, j) =>
        need(symbols.has(c.asset), `markets[${i}].collaterals[${j}].asset`, known, c.asset),
      );
    }
  });
}

function checkReferences(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const symbols = new Set(s.assets.map((a) => a.symbol));
  const poolIds = new Set(s.pools.map((p) => p.id));
  const marketIds = new Set(s.markets.map((m) => m.id));
  const need: Need = (ok, path, expected, found) => {
    if (!ok) issues.push({ path, expected, found: describeValue(found) });
  };
  const dup = (values: string[], path: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      need(!seen.has(v), `${path}[${i}]`, "a unique value", v);
      seen.add(v);
    });
  };
  dup(
    s.assets.map((a) => a.symbol),
    "assets",
  );
  dup(
    s.pools.map((p) => p.id),
    "pools",
  );
  dup(
    s.markets.map((m) => m.id),
    "markets",
  );
  const known = `one of ${[...symbols].join(", ")}`;
  need(symbols.has(s.underlying), "underlying", `an asset symbol (${known})`, s.underlying);
  need(symbols.has(s.quote), "quote", `an asset symbol (${known})`, s.quote);
  need(s.underlying !== s.quote, "quote", "a different asset from underlying", s.quote);
  need(
    poolIds.has(s.referencePool),
    "referencePool",
    `a pool id (${[...poolIds].join(", ")})`,
    s.referencePool,
  );
  checkLiquidators(s, { poolIds, symbols }, need, dup);
  s.oracles.forEach((o, i) => need(symbols.has(o.asset), `oracles[${i}].asset`, known, o.asset));
  if (s.shock.kind === "path") {
    const points = s.shock.points;
    points.forEach((p, i) => {
      if (i > 0) need(p.t > points[i - 1]!.t, `shock.points[${i}].t`, "a time after the previous point", p.t);
    });
    need(points[0]!.t === 0, "shock.points[0].t", "0 (the path starts at the scenario start)", points[0]!.t);
  }
  s.pools.forEach((p, i) => {
    if (p.kind !== "uniswap-v3") return;
    p.positions.forEach((pos, j) => {
      if ("lowerPrice" in pos)
        need(
          pos.lowerPrice < pos.upperPrice,
          `pools[${i}].positions[${j}].upperPrice`,
          "a price above lowerPrice",
          pos.upperPrice,
        );
      else
        need(
          pos.tickLower < pos.tickUpper,
          `pools[${i}].positions[${j}].tickUpper`,
          "a tick above tickLower",
          pos.tickUpper,
        );
    });
  });
  checkMarketAssets(s, symbols, known, need, dup);
  checkRiskStewards(s, need);
  checkBridges(s, need);
  checkSafetyModules(s, need);
  checkDao(s, need);
  s.borrowers.forEach((b, i) => {
    const market = s.markets.find((m) => m.id === b.market);
    need(
      marketIds.has(b.market),
      `borrowers[${i}].market`,
      `a market id (${[...marketIds].join(", ") || "none defined"})`,
      b.market,
    );
    if (!market) return;
    const collaterals =
      market.kind === "aave-v3"
        ? market.reserves.map((r) => r.asset)
        : market.kind === "morpho-blue"
          ? [market.collateral]
          : market.collaterals.map((c) => c.asset);
    const debts =
      market.kind === "aave-v3"
        ? market.reserves.map((r) => r.asset)
        : market.kind === "morpho-blue"
          ? [market.loan]
          : [market.base];
    if ("generator" in b) {
      checkGeneratorAssets(
        b.generator,
        `borrowers[${i}].generator`,
        { id: market.id, collaterals, debts },
        need,
      );
      checkEMode(market, b.generator.eMode, sidesOf(b.generator), `borrowers[${i}].generator.eMode`, need);
      const hf = b.generator.healthFactor;
      if (hf.dist === "uniform")
        need(hf.min <= hf.max, `borrowers[${i}].generator.healthFactor.max`, "≥ min", hf.max);
    } else {
      b.positions.forEach((p, j) => {
        for (const a of Object.keys(p.collateral))
          need(
            collaterals.includes(a),
            `borrowers[${i}].positions[${j}].collateral.${a}`,
            `a collateral of ${market.id}`,
            a,
          );
        for (const a of Object.keys(p.debt))
          need(
            debts.includes(a),
            `borrowers[${i}].positions[${j}].debt.${a}`,
            `a borrowable asset of ${market.id}`,
            a,
          );
        checkEMode(market, p.eMode, sidesOf(p), `borrowers[${i}].positions[${j}].eMode`, need);
      });
    }
  });
  // The shock runs block by block: it must fit in the cascade's block limit.
  const shockSeconds =
    s.shock.kind === "generator" ? s.shock.durationSeconds : Math.max(...s.shock.points.map((p) => p.t));
  const shockBlocks = Math.ceil(shockSeconds / s.blockTimeSeconds);
  need(
    shockBlocks <= MAX_CASCADE_BLOCKS,
    s.shock.kind === "generator" ? "shock.durationSeconds" : "shock.points",
    `a shock of at most ${MAX_CASCADE_BLOCKS.toLocaleString("en-US")} blocks of ${s.blockTimeSeconds} s (raise blockTimeSeconds or shorten it)`,
    `${shockSeconds} s = ${shockBlocks.toLocaleString("en-US")} blocks`,
  );
  s.optionBooks.forEach((b, i) => need(poolIds.has(b.pool), `optionBooks[${i}].pool`, "a pool id", b.pool));
  s.perps.forEach((p, i) => need(poolIds.has(p.pool), `perps[${i}].pool`, "a pool id", p.pool));
  checkPegs(s, need);
  return issues;
}

/**
 * The DAO acts on lending markets of the scenario through their admin paths: the grace period needs Aave
 * v3.1+ code (v3.6/v3.7), the fund buys the underlying on a Uniswap V3 pool against its stablecoin.
 */
function checkDao(s: Scenario, need: Need): void {
  const dao = s.dao;
  if (!dao) return;
  const pairOf = (p: Scenario["pools"][number]) => p.pair ?? [s.underlying, s.quote];
  const lending = s.markets.map((m) => m.id);
  (dao.members ?? []).forEach((m, i) =>
    need(lending.includes(m), `dao.members[${i}]`, `a market's id (${lending.join(", ") || "none"})`, m),
  );
  const members = s.markets.filter((m) => !dao.members || dao.members.includes(m.id));
  // What the margin levers can cut: Aave's reserves and Comet's collaterals (Morpho Blue's LLTV is fixed).
  const collaterals = members.flatMap((m) =>
    m.kind === "aave-v3"
      ? m.reserves.map((r) => r.asset)
      : m.kind === "compound-v3"
        ? m.collaterals.map((c) => c.asset)
        : [],
  );
  const named = [...new Set(collaterals)].join(", ");
  (dao.margins?.assets ?? []).forEach((a, i) =>
    need(
      collaterals.includes(a),
      `dao.margins.assets[${i}]`,
      `a member Aave reserve or Comet collateral (${named || "no member is an Aave or Comet market"})`,
      a,
    ),
  );
  if (dao.backstop) {
    const b = dao.backstop;
    need(b.asset === s.quote, "dao.backstop.asset", `the quote asset (${s.quote})`, b.asset);
    const pool = s.pools.find((p) => p.id === b.pool);
    need(
      pool?.kind === "uniswap-v3" && pairOf(pool).includes(s.underlying) && pairOf(pool).includes(b.asset),
      "dao.backstop.pool",
      `a uniswap-v3 pool of ${s.underlying} and ${b.asset} (${
        s.pools
          .filter(
            (p) => p.kind === "uniswap-v3" && pairOf(p).includes(s.underlying) && pairOf(p).includes(b.asset),
          )
          .map((p) => p.id)
          .join(", ") || "none defined"
      })`,
      b.pool,
    );
  }
  const mandates = dao.mandates;
  if (!mandates) return;
  members.forEach((m) => {
    if (m.kind === "aave-v3")
      need(
        m.profile !== "v3.0",
        "dao.mandates",
        `member ${m.id} on Aave v3.1+ code (its liquidation grace period): profile "v3.6" or "v3.7", or leave it out of dao.members`,
        m.profile,
      );
  });
  const sm = mandates.standardMargin;
  if (sm)
    need(
      collaterals.includes(sm.asset),
      "dao.mandates.standardMargin.asset",
      `a member Aave reserve or Comet collateral (${named || "none"})`,
      sm.asset,
    );
}

/**
 * Validates a parsed JSON/YAML value as a scenario and fills in defaults.
 * @throws {ScenarioValidationError} listing every bad field: its path, what was expected, what was found.
 * @example parseScenario(JSON.parse(text), "scenarios/eth-crash.json")
 */
export function parseScenario(input: unknown, source = "scenario"): Scenario {
  const result = scenarioSchema.safeParse(input);
  const issues: ScenarioIssue[] = result.success
    ? checkReferences(result.data)
    : result.error.issues.map((issue) => {
        const path =
          issue.code === "unrecognized_keys"
            ? [...issue.path, ...(issue.keys.length === 1 ? [issue.keys[0]!] : [])]
            : issue.path;
        const expected =
          issue.code === "unrecognized_keys"
            ? `no such field (${issue.keys.join(", ")}): remove it or check its spelling`
            : issue.message
                .replace(/^(Invalid input|Too small|Too big|Invalid option): /, "")
                .replace(/^expected /, "");
        return { path: formatPath(path), expected, found: describeValue(valueAt(input, path)) };
      });
  if (issues.length === 0 && result.success) return result.data;
  throw new ScenarioValidationError(
    `${source}: ${issues.length} problem${issues.length === 1 ? "" : "s"} in the scenario.`,
    {
      metaMessages: issues.map((i) => `- ${i.path}: expected ${i.expected}; found ${i.found}`),
      docsPath: "#scenario-format",
    },
  );
}
