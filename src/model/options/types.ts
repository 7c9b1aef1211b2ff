import type { OptionType } from "./blackScholes.js";
import type { VolSurface } from "./volSurface.js";

/**
 * Who holds which side of customer open interest. The default, `dealer-long-calls-short-puts`, is the
 * usual reading of crypto/equity flow (customers sell calls, buy puts): dealers are short gamma on the
 * downside, so they sell into a fall.
 */
export type DealerConvention =
  | "dealer-long-calls-short-puts"
  | "dealer-short-calls-long-puts"
  | "dealer-short-all"
  | "dealer-long-all";

export type OptionPosition = {
  type: OptionType;
  strike: number;
  /** Seconds from the scenario start to expiry. */
  expirySeconds: number;
  /** Open interest in units of the underlying. */
  size: number;
  /** Overrides the book's convention for this line. */
  dealerSide?: "long" | "short" | undefined;
};

export type OptionBook = {
  id: string;
  convention: DealerConvention;
  options: readonly OptionPosition[];
  surface: VolSurface;
  rate: number;
};

/** +1 when the dealer is long the option, −1 when short. */
export function dealerSign(convention: DealerConvention, option: OptionPosition): 1 | -1 {
  if (option.dealerSide) return option.dealerSide === "long" ? 1 : -1;
  switch (convention) {
    case "dealer-long-calls-short-puts":
      return option.type === "call" ? 1 : -1;
    case "dealer-short-calls-long-puts":
      return option.type === "call" ? -1 : 1;
    case "dealer-short-all":
      return -1;
    case "dealer-long-all":
      return 1;
  }
}
