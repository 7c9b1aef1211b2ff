import type { DaoLever } from "../scenario/daoSchema.js";

/** One collateral's terms as the DAO reads and sets them, basis points (a Comet factor: 1 bp = 1e14). */
export type MemberTerms = { asset: string; ltvBps: bigint; liquidationThresholdBps: bigint };

/**
 * A member market whose collateral terms the DAO can cut, one implementation per protocol (Aave:
 * createAaveDaoMember, Comet: createCometDaoMember; Morpho Blue's LLTV is fixed, so it has none).
 */
export type DaoMember = {
  id: string;
  /** Its collateral assets' terms now (LTV: Aave's LTV, Comet's borrow factor; threshold: Aave's, Comet's liquidation factor). */
  terms(): MemberTerms[];
  /** The highest LTV its rules allow under a threshold (Aave: the threshold; Comet: 1 bp below it). */
  maxLtvBps(liquidationThresholdBps: bigint): bigint;
  /** Sets these assets' terms through the protocol's admin path, in one change, recording the actions. */
  set(changes: readonly MemberTerms[], by: DaoTightening["by"]): void;
};

/** One cut of a member's collateral terms by the DAO (its reserves' new terms), and the borrowers it pushed into liquidation. */
export type DaoTightening = {
  block: number;
  market: string;
  by: "dao-margins" | "dao-standard-margin";
  reserves: { asset: string; ltvBps: number; liquidationThresholdBps: number }[];
  /** Positions liquidatable right after the cut that were not right before it (same prices): its cost to borrowers. */
  pushedIntoLiquidation: number;
  /** Their debt, USD at the oracle. */
  pushedDebtUsd: number;
};

/** One live-SSF reading: the smallest further fall probed at which some protocol's losses exceed its fund. */
export type DaoSsfReading = {
  block: number;
  /** Fraction of the current path (0: the rest of the scheduled shock alone fails); null: none up to the policy's level. */
  furtherFall: number | null;
  /** Model cascades it took. */
  probes: number;
  /** Whether it was below the safe level (the DAO tightened). */
  belowLevel: boolean;
};

/** A liquidation delay the DAO mandated on one member, or why it could not. */
export type DaoHold = {
  market: string;
  /** How: Aave's liquidation grace period, a pause of Comet's absorb; `none`: the protocol has no pause (Morpho Blue). */
  via: "aave-grace-period" | "comet-absorb-pause" | "none";
  fromBlock: number;
  /** Liquidations allowed again from this time on (seconds since block 0; Aave: strictly after it). */
  untilSeconds: number;
  /** Comet: the block its pause was lifted in. */
  liftedBlock?: number;
};

/** The DAO's fund over the run: what it spent, bought and is worth at the end. */
export type DaoBackstopOutcome = {
  asset: string;
  sizeUsd: number;
  buys: number;
  firstBlock: number | null;
  /** Stablecoin units it was sent (its size at its first buy; 0 when it never bought). */
  funded: bigint;
  /** Stablecoin units spent, and the underlying wei bought. */
  spent: bigint;
  bought: bigint;
  spentUsd: number;
  boughtUnderlying: number;
  /** Its stablecoins left plus what it bought at the final reference price, USD; P&L = that − size. */
  valueUsd: number;
  pnlUsd: number;
};

/** What the DAO did in one cascade. */
export type DaoOutcome = {
  /** Levers switched on. */
  levers: DaoLever[];
  readings: DaoSsfReading[];
  tightenings: DaoTightening[];
  holds: DaoHold[];
  backstop?: DaoBackstopOutcome;
  /** The tightenings' cost to borrowers, in all. */
  borrowerCost: { positions: number; debtUsd: number };
  /** Where a lever could not act on a member, and why (e.g. Morpho Blue's LLTV is immutable). */
  notApplied: { market: string; lever: DaoLever; why: string }[];
};

/** A live-SSF probe's inputs: the margin decisions taken up to `untilBlock`, replayed (see RunCascadeOptions). */
export type DaoReplay = { untilBlock: number; tightenings: readonly DaoTightening[] };
