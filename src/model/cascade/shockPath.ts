import type { Scenario } from "../scenario/schema.js";

const SHAPES: Record<string, (u: number) => number> = {
  linear: (u) => u,
  "front-loaded": (u) => 1 - (1 - u) ** 2,
  "back-loaded": (u) => u * u,
  sigmoid: (u) => (Math.tanh(6 * (u - 0.5)) / Math.tanh(3) + 1) / 2,
};

/** Largest fall of a shock from its start, as a fraction (0.4 for −40%). */
export function shockDepth(shock: Scenario["shock"]): number {
  if (shock.kind === "generator") return shock.dropPct / 100;
  const p0 = shock.points[0]!.price;
  return Math.max(0, ...shock.points.map((p) => 1 - p.price / p0));
}

/**
 * The exogenous price path per block, as multiples of the starting price (1 at block 0), with its
 * depth rescaled to `depth` when given (the SSF search varies the depth, keeping the shape).
 * @example shockMultipliers({ kind: "generator", dropPct: 40, durationSeconds: 900, shape: "linear" }, 12)
 */
export function shockMultipliers(
  shock: Scenario["shock"],
  blockTimeSeconds: number,
  depth?: number,
): number[] {
  const base = shockDepth(shock);
  const scale = depth === undefined || base === 0 ? 1 : depth / base;
  const at = (t: number): number => {
    if (shock.kind === "generator") {
      const u = Math.min(1, t / shock.durationSeconds);
      return 1 - (shock.dropPct / 100) * SHAPES[shock.shape]!(u);
    }
    const pts = shock.points;
    const p0 = pts[0]!.price;
    if (t >= pts[pts.length - 1]!.t) return pts[pts.length - 1]!.price / p0;
    let i = 1;
    while (pts[i]!.t < t) i++;
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (t === b.t) return b.price / p0;
    return (a.price + ((b.price - a.price) * (t - a.t)) / (b.t - a.t)) / p0;
  };
  const end = shock.kind === "generator" ? shock.durationSeconds : shock.points[shock.points.length - 1]!.t;
  const blocks = Math.ceil(end / blockTimeSeconds);
  const out: number[] = [];
  // Quantized to 1e-12: the same path written two ways (a generator, a replay file) drives identical integers.
  const q = (x: number) => Math.round(x * 1e12) / 1e12;
  for (let b = 0; b <= blocks; b++) out.push(Math.max(1e-6, q(1 - scale * (1 - at(b * blockTimeSeconds)))));
  return out;
}
