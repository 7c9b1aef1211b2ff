/**
 * A raw scenario with its pegged assets (liquid-staking tokens) left out: the assets, their own pools and
 * oracles, their Aave reserves, the e-mode categories (which name them), a Comet priced in its base (which
 * lends against them only) and the borrowers who hold or owe them. The default's two-asset world, where the hand-computed tests and the bench's comparisons were made.
 *
 * @param raw - raw scenario JSON, edited in place.
 * @returns the same object.
 */
// biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
export function withoutPeggedAssets(raw: Record<string, any>): Record<string, any> {
  const pegged = new Set<string>(
    raw.assets.filter((a: { peg?: unknown }) => a.peg).map((a: { symbol: string }) => a.symbol),
  );
  if (pegged.size === 0) return raw;
  const names = (side: unknown) =>
    typeof side === "string" ? [side] : Object.keys((side ?? {}) as Record<string, number>);
  raw.assets = raw.assets.filter((a: { symbol: string }) => !pegged.has(a.symbol));
  raw.pools = raw.pools.filter((p: { pair?: string[] }) => !p.pair?.some((s) => pegged.has(s)));
  raw.oracles = raw.oracles.filter((o: { asset: string }) => !pegged.has(o.asset));
  // A Comet market priced in its base (cWETHv3) lends only against pegged assets: it goes with them.
  const gone = new Set<string>(
    raw.markets
      .filter((m: { priceFeeds?: string }) => m.priceFeeds === "in-base")
      .map((m: { id: string }) => m.id),
  );
  raw.markets = raw.markets.filter((m: { id: string }) => !gone.has(m.id));
  for (const m of raw.markets)
    if (m.kind === "aave-v3") {
      m.reserves = m.reserves.filter((r: { asset: string }) => !pegged.has(r.asset));
      delete m.eModeCategories;
    }
  raw.borrowers = raw.borrowers.filter(
    (b: {
      market: string;
      generator?: { collateral: unknown; debt: unknown };
      positions?: { collateral: unknown; debt: unknown }[];
    }) => {
      if (gone.has(b.market)) return false;
      const sides = b.generator ? [b.generator] : (b.positions ?? []);
      return !sides.some((p) => [...names(p.collateral), ...names(p.debt)].some((s) => pegged.has(s)));
    },
  );
  return raw;
}
