import { ModelInputError } from "../../errors/ModelInputError.js";
import { normCdf, normPdf } from "./normal.js";

export type OptionType = "call" | "put";

export type BlackScholesParameters = {
  type: OptionType;
  spot: number;
  strike: number;
  /** Years to expiry. */
  timeYears: number;
  /** Annualised volatility, e.g. 0.6. */
  vol: number;
  /** Continuously compounded risk-free rate. */
  rate?: number;
  /** Continuous dividend (or staking/borrow) yield. */
  dividendYield?: number;
};

/** Price and greeks of one option on one unit of the underlying. */
export type Greeks = {
  price: number;
  delta: number;
  gamma: number;
  /** ∂price/∂vol per 1.00 of vol (divide by 100 for per vol point). */
  vega: number;
  /** ∂price/∂t per year (negative for a long option as time passes). */
  theta: number;
};

/**
 * Black–Scholes–Merton price and greeks. At expiry (T = 0) returns intrinsic value and the step delta.
 * @throws {ModelInputError} for non-positive spot/strike, negative time or vol.
 * @example blackScholes({ type: "call", spot: 42, strike: 40, timeYears: 0.5, vol: 0.2, rate: 0.1 }).price // 4.76 (Hull)
 */
export function blackScholes(parameters: BlackScholesParameters): Greeks {
  const { type, spot: S, strike: K, timeYears: T, vol: sigma } = parameters;
  const r = parameters.rate ?? 0;
  const q = parameters.dividendYield ?? 0;
  if (!(S > 0) || !(K > 0))
    throw new ModelInputError(`blackScholes: spot ${S} and strike ${K} must be positive.`);
  if (!(T >= 0) || !(sigma >= 0))
    throw new ModelInputError(`blackScholes: time ${T} and vol ${sigma} must be ≥ 0.`);
  if (T === 0 || sigma === 0) {
    const forward = S * Math.exp((r - q) * T);
    const itm = type === "call" ? forward > K : forward < K;
    const intrinsic = Math.max(type === "call" ? forward - K : K - forward, 0) * Math.exp(-r * T);
    const delta = itm ? (type === "call" ? 1 : -1) * Math.exp(-q * T) : 0;
    return { price: intrinsic, delta, gamma: 0, vega: 0, theta: 0 };
  }
  const sqrtT = Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * sigma * sigma) * T) / (sigma * sqrtT);
  const d2 = d1 - sigma * sqrtT;
  const dfR = Math.exp(-r * T);
  const dfQ = Math.exp(-q * T);
  const pdf = normPdf(d1);
  const gamma = (dfQ * pdf) / (S * sigma * sqrtT);
  const vega = S * dfQ * pdf * sqrtT;
  const common = (-S * dfQ * pdf * sigma) / (2 * sqrtT);
  if (type === "call") {
    const Nd1 = normCdf(d1);
    const Nd2 = normCdf(d2);
    return {
      price: S * dfQ * Nd1 - K * dfR * Nd2,
      delta: dfQ * Nd1,
      gamma,
      vega,
      theta: common - r * K * dfR * Nd2 + q * S * dfQ * Nd1,
    };
  }
  const Nmd1 = normCdf(-d1);
  const Nmd2 = normCdf(-d2);
  return {
    price: K * dfR * Nmd2 - S * dfQ * Nmd1,
    delta: -dfQ * Nmd1,
    gamma,
    vega,
    theta: common + r * K * dfR * Nmd2 - q * S * dfQ * Nmd1,
  };
}
