/** A bridge that brings a pegged asset onto this chain (scenario `bridges`), as the cascade holds it. */
export type BridgeModel = {
  /** The bridged asset (a pegged asset of the scenario). */
  symbol: string;
  decimals: number;
  /** Its own pool, the one the bridge's arbitrage holds at the peg. */
  poolId: string;
  /** What one token redeems for through the bridge, in the peg asset (18 decimals): the peg's rate. */
  rateE18: bigint;
  /** The block at whose end it halts (absent: never). */
  haltBlock?: number;
  /** After the halt: tokens sold into its pool by holders who cannot leave, in all (wei) and over how many blocks. */
  exitSale?: { amount: bigint; blocks: number };
  /** Margin top-ups with the asset on one Aave market: below a health factor, back to another (WAD). */
  topUps?: { market: string; belowWad: bigint; restoreWad: bigint; share: number };
};

/** What the margin top-ups did (BridgeOutcome.topUps). */
export type TopUpOutcome = {
  market: string;
  /** Top-ups that went through (bridged in and supplied) and their tokens, wei as a decimal string. */
  done: number;
  supplied: string;
  /** Positions whose top-up failed after the halt (their bridgeIn reverted), and the first block one did. */
  failed: number;
  firstFailedBlock?: number;
  /** Of those, how many were liquidated later in the run. */
  failedThenLiquidated: number;
};

/** Where the bridged asset sat on this chain when its bridge halted: the supply the halt froze here. */
export type BridgeConcentration = {
  /** Tokens held as collateral, per lending market (whole tokens). */
  collateralByMarket: Record<string, number>;
  /** The most of it its pool absorbs before its price falls 5% / 10% (marginal price, whole tokens). */
  lac5: number;
  lac10: number;
  /** Collateral held over the pool's 5% absorption (null: the pool absorbs nothing). */
  collateralOverLac5: number | null;
};

/** What a bridge did in a run (CascadeResult.bridges). */
export type BridgeOutcome = {
  asset: string;
  decimals: number;
  haltBlock?: number;
  /** Whether it halted within the run. */
  halted: boolean;
  /** Tokens bridged in (minted here) and out (escrowed here) by the arbitrage, wei as decimal strings. */
  bridgedIn: string;
  bridgedOut: string;
  /** Blocks in which the arbitrage traded through it. */
  arbitrages: number;
  /** Blocks after the halt in which the pool's gap to the peg passed its fee: arbitrage the halt stopped. */
  arbitragesBlocked: number;
  /** Tokens sold by the exit sale, wei as a decimal string. */
  exitSold: string;
  /** The pool's price over the peg (1 = at the peg): at the halt, its lowest after it, its lowest in the run. */
  pegRatioAtHalt?: number;
  minPegRatioAfterHalt?: number;
  minPegRatio: number;
  atHalt?: BridgeConcentration;
  topUps?: TopUpOutcome;
};
