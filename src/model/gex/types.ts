/** One strike's dealer gamma exposure, USD per 1% move, split by option type (dealer's sign). */
export type StrikeGex = {
  strike: number;
  callUsdPer1Pct: number;
  putUsdPer1Pct: number;
  netUsdPer1Pct: number;
};

/**
 * The dealers' gamma picture at one spot and time (the GEX feed publishes one per block): net GEX and the
 * hedge flow at the spot, the profile over a price grid, GEX per strike, the gamma flip and the walls.
 */
export type GexSnapshot = {
  spot: number;
  /** Seconds since the books' start (options age). */
  timeSeconds: number;
  /** Net dealer GEX at the spot, USD per 1% move (negative: dealers sell into falls). */
  netGexUsdPer1Pct: number;
  /** Dealers' net option delta, underlying units (they hold −delta of spot to be neutral). */
  dealerDelta: number;
  /** What dealers must trade to stay neutral after a 1% fall from the spot, underlying (+ buy, − sell). */
  hedgeFlowPer1PctFall: number;
  /** Per grid price: net GEX and the hedge flow of a 1% fall from there. */
  profile: { price: number; gexUsdPer1Pct: number; hedgeFlowPer1PctFall: number }[];
  perStrike: StrikeGex[];
  /** The Gamma Neutrality Price (root of net GEX nearest the spot), or null. */
  gammaFlip: number | null;
  /** The strike with the largest call GEX (in size), and with the largest put GEX; null without calls/puts. */
  callWall: number | null;
  putWall: number | null;
};
