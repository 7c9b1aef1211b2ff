import type { Contagion } from "../model/cascade/types.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const usd = (v: number) =>
  v >= 1e6 ? `$${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `$${(v / 1e3).toFixed(1)}k` : `$${v.toFixed(0)}`;

/**
 * The contagion graph as a self-contained SVG: tokens on the left (plain assets, then tokens a protocol
 * issues), protocols on the right; a solid edge per loss channel (width ∝ the loss that came through the
 * token), a dashed edge from a protocol to each token it issues and from that token's asset to it (what
 * it wraps). A loss on an issued token is one protocol's contagion into another.
 *
 * @param contagion - the channels and issued tokens (CascadeResult.contagion).
 * @param funds - each protocol's insurance fund, USD (shown under its name).
 * @returns the SVG text.
 */
export function renderContagionGraph(contagion: Contagion, funds: Record<string, number>): string {
  const issued = new Set(contagion.issued.map((t) => t.token));
  const plain = [
    ...new Set([
      ...contagion.issued.map((t) => t.underlying),
      ...contagion.losses.map((l) => l.token).filter((t) => !issued.has(t)),
    ]),
  ];
  const wrapped = contagion.issued.map((t) => t.token);
  const markets = [
    ...new Set([...contagion.losses.map((l) => l.market), ...contagion.issued.map((t) => t.issuer)]),
  ];
  const rowH = 56;
  const rows = Math.max(plain.length, wrapped.length, markets.length, 1);
  const width = 760;
  const height = 70 + (rows + 1) * rowH + 30;
  const col = { plain: 120, wrapped: 340, market: 620 };
  const y = (i: number, n: number) => 60 + ((rows - n) * rowH) / 2 + i * rowH + rowH / 2;
  const at = new Map<string, { x: number; y: number }>();
  // Issued tokens sit above the plain ones, so a plain token's loss edge passes under them.
  const shift = wrapped.length > 0 ? rowH / 2 : 0;
  plain.forEach((t, i) => at.set(`t:${t}`, { x: col.plain, y: y(i, plain.length) + shift }));
  wrapped.forEach((t, i) => at.set(`t:${t}`, { x: col.wrapped, y: y(i, wrapped.length) - shift }));
  markets.forEach((m, i) => at.set(`m:${m}`, { x: col.market, y: y(i, markets.length) }));
  const largest = Math.max(1, ...contagion.losses.map((l) => l.usd));
  const parts: string[] = [];
  for (const t of contagion.issued) {
    const from = at.get(`t:${t.underlying}`)!;
    const to = at.get(`t:${t.token}`)!;
    parts.push(
      `<line x1="${from.x + 60}" y1="${from.y}" x2="${to.x - 60}" y2="${to.y}" stroke="#888" stroke-dasharray="4 3"/>`,
      `<text x="${(from.x + to.x) / 2}" y="${(from.y + to.y) / 2 - 6}" font-size="11" fill="#666" text-anchor="middle">wraps</text>`,
    );
    const issuer = at.get(`m:${t.issuer}`)!;
    const mid = Math.min(issuer.y, to.y) - 40;
    parts.push(
      `<path d="M ${issuer.x - 70} ${issuer.y - 12} Q ${(issuer.x + to.x) / 2} ${mid} ${to.x + 60} ${to.y - 12}" fill="none" stroke="#1565c0" stroke-dasharray="5 3" marker-end="url(#arrow)"/>`,
      `<text x="${(issuer.x + to.x) / 2}" y="${mid + 12}" font-size="11" fill="#1565c0" text-anchor="middle">issues</text>`,
    );
  }
  for (const l of contagion.losses) {
    const from = at.get(`t:${l.token}`)!;
    const to = at.get(`m:${l.market}`)!;
    const w = 1.5 + (10 * l.usd) / largest;
    const colour = l.issuer ? "#c62828" : "#ef6c00";
    // A plain token's edge bends below the issued tokens' column.
    const bend = l.issuer || wrapped.length === 0 ? (from.y + to.y) / 2 : Math.max(from.y, to.y) + rowH / 2;
    const mx = (from.x + 60 + to.x - 70) / 2;
    parts.push(
      `<path d="M ${from.x + 60} ${from.y} Q ${mx} ${bend} ${to.x - 70} ${to.y}" fill="none" stroke="${colour}" stroke-width="${w.toFixed(1)}" stroke-opacity="0.75"/>`,
      `<text x="${mx}" y="${(from.y + to.y + 2 * bend) / 4 + 16}" font-size="11" fill="${colour}" text-anchor="middle">${esc(usd(l.usd))}</text>`,
    );
  }
  for (const [key, p] of at) {
    const isMarket = key.startsWith("m:");
    const name = key.slice(2);
    const lost = contagion.losses.filter((l) => l.market === name).reduce((s, l) => s + l.usd, 0);
    parts.push(
      `<rect x="${p.x - (isMarket ? 70 : 60)}" y="${p.y - 18}" width="${isMarket ? 140 : 120}" height="36" rx="${isMarket ? 4 : 18}" fill="${isMarket ? "#eceff1" : issued.has(name) ? "#e3f2fd" : "#fff3e0"}" stroke="#555"/>`,
      `<text x="${p.x}" y="${p.y + (isMarket ? -2 : 4)}" font-size="12" text-anchor="middle">${esc(name)}</text>`,
    );
    if (isMarket)
      parts.push(
        `<text x="${p.x}" y="${p.y + 12}" font-size="10" fill="#555" text-anchor="middle">loss ${esc(usd(lost))} / fund ${esc(usd(funds[name] ?? 0))}</text>`,
      );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1565c0"/></marker></defs>
<rect width="100%" height="100%" fill="white"/>
<text x="16" y="26" font-size="15" font-weight="600">Contagion: which token each protocol's losses came through</text>
<text x="${col.plain}" y="50" font-size="11" fill="#555" text-anchor="middle">assets</text>
<text x="${col.wrapped}" y="50" font-size="11" fill="#555" text-anchor="middle">tokens a protocol issues</text>
<text x="${col.market}" y="50" font-size="11" fill="#555" text-anchor="middle">protocols</text>
${parts.join("\n")}
</svg>
`;
}
