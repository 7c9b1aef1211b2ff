/**
 * The GEX feed's live page (GET /): an SVG of the net GEX profile with the spot and the gamma flip marked,
 * redrawn on every block from the event stream; `window.dlcmGex` says what it drew (for the browser test).
 */
export function gexPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DLCM GEX feed</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:960px}svg{border:1px solid #ccc}
.neg{fill:#c0392b}.pos{fill:#2e86c1}#flip{stroke:#000;stroke-dasharray:4 3}#spot{stroke:#16a085}</style></head>
<body><h1>Dealer gamma exposure</h1>
<p id="status">waiting for the first block…</p>
<svg id="chart" width="900" height="360" viewBox="0 0 900 360" role="img" aria-label="GEX profile"></svg>
<p>Bars: net dealer GEX per 1% move at each price (red: dealers short gamma, they sell into falls). Green: spot. Dashed: the gamma flip.</p>
<script>
window.dlcmGex = { blocks: 0, bars: 0, flip: null, block: null };
const svg = document.getElementById("chart");
const status = document.getElementById("status");
const NS = "http://www.w3.org/2000/svg";
function el(name, attrs) { const e = document.createElementNS(NS, name); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; }
function draw(s) {
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const pts = s.profile, W = 900, H = 360, pad = 40;
  const lo = pts[0].price, hi = pts[pts.length - 1].price;
  const max = Math.max(1, ...pts.map(p => Math.abs(p.gexUsdPer1Pct)));
  const x = v => pad + (W - 2 * pad) * (v - lo) / (hi - lo);
  const y = v => H / 2 - (H / 2 - pad) * v / max;
  const w = (W - 2 * pad) / pts.length * 0.8;
  svg.appendChild(el("line", { x1: pad, x2: W - pad, y1: H / 2, y2: H / 2, stroke: "#999" }));
  let bars = 0;
  for (const p of pts) {
    const v = p.gexUsdPer1Pct, top = Math.min(y(v), H / 2);
    svg.appendChild(el("rect", { x: x(p.price) - w / 2, y: top, width: w, height: Math.abs(y(v) - H / 2), class: v < 0 ? "neg" : "pos" }));
    bars++;
  }
  svg.appendChild(el("line", { id: "spot", x1: x(s.spot), x2: x(s.spot), y1: pad / 2, y2: H - pad / 2 }));
  if (s.gammaFlip !== null && s.gammaFlip >= lo && s.gammaFlip <= hi)
    svg.appendChild(el("line", { id: "flip", x1: x(s.gammaFlip), x2: x(s.gammaFlip), y1: pad / 2, y2: H - pad / 2 }));
  status.textContent = "block " + s.block + ": spot $" + s.spot.toFixed(2) + ", net GEX $" + Math.round(s.netGexUsdPer1Pct).toLocaleString("en-US") + " per 1%, gamma flip " + (s.gammaFlip === null ? "none" : "$" + s.gammaFlip.toFixed(2));
  window.dlcmGex = { blocks: window.dlcmGex.blocks + 1, bars, flip: s.gammaFlip, block: s.block };
}
const source = new EventSource("/v1/gex/stream");
source.addEventListener("gex", (e) => draw(JSON.parse(e.data)));
</script></body></html>
`;
}
