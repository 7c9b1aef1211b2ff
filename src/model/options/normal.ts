// Standard normal pdf and cdf. The cdf is Hart's (1968) double-precision algorithm as given by
// G. West, "Better approximations to cumulative normal functions" (2005): |error| < 1e-14.
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** φ(x). */
export function normPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x), accurate to ~1e-14 over the real line. */
export function normCdf(x: number): number {
  const z = Math.abs(x);
  const c = z > 37 ? 0 : normTail(z, Math.exp(-0.5 * z * z));
  return x <= 0 ? c : 1 - c;
}

/**
 * Φ(−z) for z = |x| ≤ 37, given e = exp(−z²/2): a caller that also needs φ(x) = e / √(2π) computes the
 * exponential once (Hart's rational form below 7.07, a continued fraction above).
 */
export function normTail(z: number, e: number): number {
  if (z < 7.07106781186547) {
    let n = 3.52624965998911e-2 * z + 0.700383064443688;
    n = n * z + 6.37396220353165;
    n = n * z + 33.912866078383;
    n = n * z + 112.079291497871;
    n = n * z + 221.213596169931;
    n = n * z + 220.206867912376;
    let d = 8.83883476483184e-2 * z + 1.75566716318264;
    d = d * z + 16.064177579207;
    d = d * z + 86.7807322029461;
    d = d * z + 296.564248779674;
    d = d * z + 637.333633378831;
    d = d * z + 793.826512519948;
    d = d * z + 440.413735824752;
    return (e * n) / d;
  }
  let f = z + 0.65;
  f = z + 4 / f;
  f = z + 3 / f;
  f = z + 2 / f;
  f = z + 1 / f;
  return e / f / 2.506628274631;
}
