import type { V2PoolState } from "../amm/v2/types.js";
import type { SwapReturnType } from "../amm/v3/swap.js";
import type { V3PoolState } from "../amm/v3/types.js";
import type { BridgeModel, BridgeOutcome } from "../bridge/types.js";
import type { DaoOutcome, DaoReplay } from "../dao/types.js";
import type {
  AaveEModeCategory,
  AavePosition,
  AaveReserve,
  AaveVersionProfile,
} from "../lending/aave/types.js";
import type { CometMarket, CometPosition } from "../lending/compound/types.js";
import type { MorphoMarket, MorphoPosition } from "../lending/morpho/types.js";
import type { ReserveTermsBy } from "../markets/aave/setAaveReserveTerms.js";
import type { OptionBook } from "../options/types.js";
import type { SafetyModuleModel, SafetyModuleOutcome } from "../safetyModule/types.js";
import type { DaoPolicy } from "../scenario/daoSchema.js";
import type { Scenario } from "../scenario/schema.js";
import type { ParameterChange } from "./createCascadeContext.js";

export type TokenInfo = { symbol: string; decimals: number };

/** A pool between the underlying and the quote; the model and chain agree on which is token0. */
export type PoolModel = {
  id: string;
  underlyingIsToken0: boolean;
  token0: TokenInfo;
  token1: TokenInfo;
} & (
  | {
      kind: "uniswap-v3";
      state: V3PoolState;
      /** The liquidity positions the pool was built from (the replica mints exactly these). */
      mints: { tickLower: number; tickUpper: number; liquidity: bigint }[];
    }
  | { kind: "uniswap-v2"; state: V2PoolState }
);

export type OraclePolicy = Scenario["oracles"][number]["policy"];

/**
 * A pegged asset (a liquid-staking token of the underlying): what one unit redeems for, 18 decimals, and
 * its own pool (pair [symbol, asset]), whose price times the underlying's is its market price.
 */
export type PegModel = { symbol: string; decimals: number; asset: string; rateE18: bigint; poolId: string };

/** A push oracle: the price protocols read (8 decimals) and when it was last pushed. */
export type OracleModel = { symbol: string; policy: OraclePolicy; priceE8: bigint; lastPushBlock: number };

export type AaveMarketModel = {
  id: string;
  kind: "aave-v3";
  profile: AaveVersionProfile;
  reserves: AaveReserve[];
  /** v3.6 e-mode categories (empty: none). */
  eModeCategories: AaveEModeCategory[];
  positions: AavePosition[];
  /** Static aTokens over its reserves that other markets hold as collateral (absent: none). */
  staticATokens?: AaveStaticAToken[];
  /** Umbrella stakes: per reserve, the aTokens (scaled) that eliminateReserveDeficit burns to cover its deficit. */
  umbrella?: { reserve: number; scaledBalance: bigint }[];
  insuranceFundUsd: number;
};

/**
 * Aave's static aToken over one reserve (StataTokenV2): its shares' total supply and the aToken balance it
 * holds (scaled). The replica deposits into it while the reserve is at 1 ray, so both start equal.
 */
export type AaveStaticAToken = {
  symbol: string;
  /** The reserve's index in the market. */
  reserve: number;
  totalShares: bigint;
  scaledBalance: bigint;
};

/** A Morpho market's collateral when it is another protocol's token (issue 18's nested collateral). */
export type MorphoCollateralWrapper = {
  kind: "aave-static-atoken";
  /** The Aave market whose reserve the wrapper holds. */
  market: string;
  /** The wrapped asset (the reserve's underlying). */
  underlying: string;
  /** The oracle's BASE_VAULT_CONVERSION_SAMPLE: convertToAssets of this many shares prices them. */
  sampleShares: bigint;
  /** A market read off a chain: convertToAssets(sampleShares) there and then. */
  assetsOfSample?: bigint;
};

export type CompoundMarketModel = {
  id: string;
  kind: "compound-v3";
  /** What its feeds price in: USD (cUSDCv3), or its base (cWETHv3: `cometPricesE8`). */
  priceFeeds: "usd" | "in-base";
  market: CometMarket;
  positions: CometPosition[];
  insuranceFundUsd: number;
};

/** A Morpho Blue market (one loan token, one collateral) and its borrowers (src/model/lending/morpho/). */
export type MorphoMarketModel = {
  id: string;
  kind: "morpho-blue";
  loanSymbol: string;
  collateralSymbol: string;
  loanDecimals: number;
  collateralDecimals: number;
  /** The IRM the market was created with (its mirror; `none`: address(0), no interest). */
  irm: "adaptive-curve" | "none";
  /** Liquidation LTV, WAD. */
  lltv: bigint;
  /** The collateral is a wrapper over another market's token (absent: a plain token). */
  wrapper?: MorphoCollateralWrapper;
  market: MorphoMarket;
  /** The borrowers' positions (the suppliers' shares are the depositor's, outside the book). */
  positions: (MorphoPosition & { id: string })[];
  /** The book as it was opened, loan units: the suppliers' deposit and each position's borrow (the replica seeds these by assets). */
  seeded: { supplyAssets: bigint; borrowAssets: bigint[] };
  insuranceFundUsd: number;
};

export type MarketModel = AaveMarketModel | CompoundMarketModel | MorphoMarketModel;

export type BookModel = {
  book: OptionBook;
  poolId: string;
  capitalUsd: number;
  onCapitalExhausted: "stop" | "liquidate";
  hedgeIntervalBlocks: number;
  minHedgeUnderlying: number;
  realisedWindowBlocks: number;
  /** Spot held as the hedge, underlying wei (signed). */
  hedgeWei: bigint;
  /** Cash from hedge trades, quote units (signed). */
  cashQuote: bigint;
  /** Book value at the start, USD: equity counts changes from here. */
  initialBookValueUsd: number;
  active: boolean;
};

export type PerpPosition = {
  id: string;
  side: 1 | -1;
  size: number;
  entry: number;
  margin: number;
  open: boolean;
};

export type PerpVenueModel = {
  id: string;
  poolId: string;
  maintenanceMarginRatio: number;
  insuranceFundUsd: number;
  initialInsuranceFundUsd: number;
  spotPassThrough: number;
  basisPerDrawdown: number;
  positions: PerpPosition[];
  adlUsd: number;
};

/** The whole model state at one block: what the cascade reads and writes. */
export type CascadeState = {
  block: number;
  blockTimeSeconds: number;
  underlying: TokenInfo;
  quote: TokenInfo;
  pools: PoolModel[];
  /** Pegged assets, each with its own pool in `pools` (empty: none). */
  pegs: PegModel[];
  referencePoolId: string;
  arbitrage: boolean;
  oracles: OracleModel[];
  markets: MarketModel[];
  books: BookModel[];
  perps: PerpVenueModel[];
  liquidators: Scenario["liquidators"];
  /** Market (reference pool) price per block, USD, from block 0. */
  priceHistory: number[];
  /** Risk stewards and when each last acted (seconds; absent: none). */
  riskStewards?: RiskStewardModel[];
  /** Bridges that bring pegged assets in (absent: none). */
  bridges?: BridgeModel[];
  /** Governance-token safety modules backing markets (absent: none). */
  safetyModules?: SafetyModuleModel[];
  /** The Sovereign Risk DAO's policy (absent: none). */
  dao?: DaoPolicy;
};

/** A risk steward in the cascade: its scenario terms and when it last changed its reserve (seconds since block 0). */
export type RiskStewardModel = Scenario["riskStewards"][number] & { lastUpdateSeconds: number | undefined };

export type { SwapReturnType };

/** One liquidation-side action the cascade took, in the integers the chain would see. */
export type CascadeEvent = {
  block: number;
  market: string;
  kind: "liquidationCall" | "absorb" | "buyCollateral" | "unwindATokens";
  positionId: string;
  collateral: string;
  debt: string;
  /** Debt repaid (liquidationCall), absorbed (absorb) or base paid (buyCollateral), debt-asset units. */
  debtAmount: string;
  /** What the liquidator asked to repay, when less than the rules allow: the share of it that pays most (sizing "most-profitable"), or what the reserve's cash could pay. */
  debtToCover?: string;
  collateralAmount: string;
  protocolFee: string;
  /** Debt written off: v3.3 deficit, v3.0 unbacked debt left with no collateral, Comet shortfall. */
  badDebt: string;
  /** Quote received for the seized collateral on the liquidator's pool. */
  saleProceeds: string;
  profitUsd: number;
  /** Aave receiveAToken: the collateral was taken as aTokens and kept (no sale). */
  receiveAToken?: true;
};

/**
 * One state change the cascade made that a chain must reproduce, in execution order: the chain harness
 * replays these as transactions and checks each result against the `expected` integers.
 */
export type CascadeAction =
  | {
      block: number;
      kind: "swap";
      purpose:
        | "shock"
        | "arbitrage"
        | "hedge"
        | "unwind"
        | "perp"
        | "collateral-sale"
        | "bridge-arbitrage"
        | "bridge-exit"
        | "backstop-market"
        | "backstop-sale"
        | "dao-backstop";
      /**
       * Who trades: "trader" (shock, arbitrage, perp flow, Comet collateral sales), an option book's id, or
       * "dao-backstop" (the DAO's fund: its own contract pays).
       */
      actor: string;
      poolId: string;
      zeroForOne: boolean;
      amountSpecified: bigint;
      sqrtPriceLimitX96: bigint;
      expected: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint };
    }
  | {
      block: number;
      kind: "swapV2";
      purpose: Extract<CascadeAction, { kind: "swap" }>["purpose"];
      actor: string;
      poolId: string;
      zeroForOne: boolean;
      /** Exact input; the output is the router's getAmountOut on the pair's reserves. */
      amountIn: bigint;
      /** The pair's token deltas (+ in, − out) and its reserves after the swap (its Sync event). */
      expected: { amount0: bigint; amount1: bigint; reserve0: bigint; reserve1: bigint };
    }
  | { block: number; kind: "oracle"; symbol: string; priceE8: bigint }
  | {
      block: number;
      /**
       * A bridge call (scenario `bridges`): `in` delivers tokens bridged in to the trader (bridgeIn, by the
       * relayer), `out` takes the trader's tokens out (bridgeOut), `halt` is its guardian's pause; checked from
       * its BridgedIn / BridgedOut / Halted event.
       */
      kind: "bridge";
      asset: string;
      direction: "in" | "out" | "halt";
      amount: bigint;
      /** A margin top-up's bridgeIn: the position it is for (`market`/`positionId`). */
      topUp?: { market: string; positionId: string };
      /** The model says it reverts (a top-up after the halt: BridgeHalted); it must revert on chain. */
      reverts?: "BridgeHalted";
    }
  | {
      block: number;
      /** A margin top-up: `Pool.supply(asset, amount, onBehalfOf: the position, 0)`, checked from its Supply event. */
      kind: "supply";
      market: string;
      positionIndex: number;
      positionId: string;
      asset: string;
      amount: bigint;
      expected: { amount: bigint };
    }
  | {
      block: number;
      /** A risk steward's or the DAO's update of an Aave reserve (PoolConfigurator.configureReserveAsCollateral as risk admin). */
      kind: "reserveConfig";
      market: string;
      asset: string;
      by: ReserveTermsBy;
      /** A steward's: the realised volatility (annualised) that triggered it. */
      realisedVol?: number;
      expected: { ltvBps: bigint; liquidationThresholdBps: bigint; liquidationBonusBps: bigint };
    }
  | {
      block: number;
      /** Aave's Umbrella covering a reserve's deficit with its staked aTokens (Pool.eliminateReserveDeficit). */
      kind: "eliminateDeficit";
      market: string;
      asset: string;
      amount: bigint;
      /** The DeficitCovered event's amount. */
      expected: { covered: bigint };
    }
  | {
      block: number;
      /** The DAO's fund receives its stablecoins (a transfer from the trader to its contract), before its first buy. */
      kind: "backstopFund";
      asset: string;
      amount: bigint;
    }
  | {
      block: number;
      /**
       * The DAO's liquidation delay on an Aave reserve: PoolConfigurator.setReservePause(asset, false,
       * graceSeconds), after which liquidations touching it revert until block.timestamp passes
       * liquidationGracePeriodUntil = this block's timestamp + graceSeconds (checked from
       * LiquidationGracePeriodChanged).
       */
      kind: "liquidationGrace";
      market: string;
      asset: string;
      graceSeconds: number;
    }
  | {
      block: number;
      /** The DAO's liquidation delay on a Comet: its governor pauses absorb (`pause`, PauseAction), and lifts it. */
      kind: "absorbPause";
      market: string;
      paused: boolean;
    }
  | {
      block: number;
      /**
       * The DAO's cut of one Comet collateral factor in the market's Configurator
       * (updateAssetBorrowCollateralFactor / updateAssetLiquidateCollateralFactor, from the governor):
       * configuration only, live after the next `cometUpgrade` (checked from the Configurator's event).
       */
      kind: "cometAssetFactor";
      market: string;
      asset: string;
      factor: "borrowCollateralFactor" | "liquidateCollateralFactor";
      by: ReserveTermsBy;
      /** 1e18-scaled, a multiple of 1e14 (Comet keeps 4 decimals). */
      value: bigint;
    }
  | {
      block: number;
      /**
       * A Comet implementation deployed from its Configurator's configuration and the proxy upgraded to it
       * (CometProxyAdmin.deployAndUpgradeTo, from the governor): how Comet's immutables change (checked from
       * CometDeployed and the proxy's Upgraded).
       */
      kind: "cometUpgrade";
      market: string;
    }
  | {
      block: number;
      /** With competing bots: the block's EIP-1559 base fee, which the chain is set to before it mines (no transaction). */
      kind: "blockFee";
      baseFeeWei: bigint;
    }
  | {
      block: number;
      kind: "liquidationCall";
      /** Sent by a competing bot (liquidators.bots): who, its bid, and whether the model says it reverts. */
      race?: RaceTag;
      /** What the liquidator flash-borrows (absent: expected.debtRepaid, what the model knows it repays). */
      flashAmount?: bigint;
      /**
       * A competing bot with capital of its own (liquidators.bots[].capital): what it puts up from its
       * contract's inventory instead of a flash loan (`liquidateWithCapital`); the unused part stays there.
       */
      capitalAmount?: bigint;
      market: string;
      positionIndex: number;
      positionId: string;
      collateral: string;
      debt: string;
      salePoolId: string;
      /** A pegged collateral sold in two hops: its own pool, sold on first for the underlying. */
      hopPoolId?: string;
      /** What the liquidator asked to repay: absent, as much as the rules allow (type(uint256).max). */
      debtToCover?: bigint;
      /** Aave receiveAToken: repaid from the liquidator's inventory, the collateral kept as aTokens (no sale). */
      receiveAToken?: true;
      /** Morpho Blue: liquidate's two inputs as sent (exactly one non-zero). */
      morpho?: { seizedAssets: bigint; repaidShares: bigint };
      expected: {
        debtRepaid: bigint;
        collateralSeized: bigint;
        protocolFee: bigint;
        /** Morpho Blue: the borrow shares repaid, and the debt written off against suppliers (Liquidate's badDebtAssets). */
        repaidShares?: bigint;
        badDebt?: bigint;
        /** A wrapped collateral: what redeeming the seized shares paid out (the wrapper's Withdraw assets). */
        redeemedAssets?: bigint;
        saleProceeds: bigint;
        /** The sale pool's price after the sale: sqrtPriceX96 (v3), 0 for a v2 pair (see saleReservesAfter). */
        saleSqrtPriceX96After: bigint;
        /** A v2 sale pool's reserves after the sale, [reserve0, reserve1]. */
        saleReservesAfter?: readonly [bigint, bigint];
      };
    }
  | {
      block: number;
      /** Comet.absorb(absorber, [account]): the protocol takes the account's collateral and debt. */
      kind: "absorb";
      race?: RaceTag;
      market: string;
      positionIndex: number;
      positionId: string;
      /** The market's base and the account's debt in it at the accrued indices (reported, not checked). */
      base: string;
      debt: bigint;
      expected: {
        /** AbsorbDebt's basePaidOut: newBalance − oldBalance, base units. */
        basePaidOut: bigint;
        /** AbsorbCollateral's collateralAbsorbed per collateral asset, in the market's asset order (0: none). */
        collateralAbsorbed: readonly bigint[];
      };
    }
  | {
      block: number;
      /**
       * Our Aave liquidator unwinds aTokens it took (CascadeLiquidator.unwind): Pool.withdraw of `amount`
       * (type(uint256).max: all it holds) to itself, the underlying sold as a liquidation sells it for
       * `proceedsAsset` (kept as it is when it is that asset), the proceeds sent to the caller; checked
       * from the Pool's Withdraw event and the contract's Unwind event.
       */
      kind: "unwindATokens";
      market: string;
      asset: string;
      proceedsAsset: string;
      amount: bigint;
      salePoolId: string;
      hopPoolId?: string;
      expected: {
        withdrawn: bigint;
        saleProceeds: bigint;
        saleSqrtPriceX96After: bigint;
        saleReservesAfter?: readonly [bigint, bigint];
      };
    }
  | {
      block: number;
      /**
       * A liquidator buys Comet's absorbed collateral at the storefront price (Comet.buyCollateral) and sells
       * it on its pool in the same transaction, the base flash-borrowed from that pool.
       */
      kind: "buyCollateral";
      market: string;
      collateral: string;
      assetIndex: number;
      baseAmount: bigint;
      salePoolId: string;
      /** The sale as a plain swap, for a chain where the market itself does not run (its pool still moves). */
      sale: Extract<CascadeAction, { kind: "swap" | "swapV2" }> | undefined;
      expected: {
        collateralAmount: bigint;
        saleProceeds: bigint;
        saleSqrtPriceX96After: bigint;
        saleReservesAfter?: readonly [bigint, bigint];
      };
    };

/**
 * A competing bot's transaction: the bot (its index in liquidators.bots and its id), the tip it bids per
 * gas, and, when the model says it reverts, why (`healthy`, `dead` or `revert`: the protocol refuses;
 * `unprofitable`: the sale does not repay the flash loan).
 */
export type RaceTag = {
  bot: number;
  botId: string;
  priorityFeeWei: bigint;
  reverted?: "healthy" | "dead" | "revert" | "unprofitable";
};

/** One block of the liquidation race (liquidators.bots): what the builder included and how it went. */
export type RaceRound = {
  baseFeeWei: bigint;
  /** Bot transactions included, in block order: bot index and whether it liquidated. */
  included: { bot: number; won: boolean }[];
  /** Planned transactions that did not fit in the block's gas room (the bots plan again next block). */
  dropped: number;
  /** Gas the model counts for the block: other traffic plus every included attempt. */
  gasUsed: number;
};

/** A bot's race over the whole cascade. */
export type BotTotals = {
  id: string;
  sent: number;
  won: number;
  reverted: number;
  dropped: number;
  gasUsed: number;
  gasCostUsd: number;
  /** Sale proceeds less debt repaid, USD, over its liquidations (gas not included). */
  grossProfitUsd: number;
  /**
   * A bot with capital of its own: what its contract on each Aave market holds at the end,
   * units (decimal strings) by market id then asset.
   */
  inventory?: Record<string, Record<string, string>>;
};

/** A v3 or v2 pool trade the chain must reproduce (see recordSwap). */
export type SwapAction = Extract<CascadeAction, { kind: "swap" | "swapV2" }>;

/** A lending protocol's own action or a liquidator's call on it: what the chain's market implementations send. */
export type MarketAction = Extract<
  CascadeAction,
  {
    kind:
      | "liquidationCall"
      | "absorb"
      | "buyCollateral"
      | "unwindATokens"
      | "reserveConfig"
      | "eliminateDeficit"
      | "supply"
      | "liquidationGrace"
      | "absorbPause"
      | "cometAssetFactor"
      | "cometUpgrade";
  }
>;

/** What happened in one block. Flows are in underlying units, + = sold into the pools. */
export type RoundRecord = {
  block: number;
  /** Risk stewards' updates in this block (absent: none). */
  parameterChanges?: ParameterChange[];
  timeSeconds: number;
  marketPrice: number;
  oraclePrice: number;
  shockFlowUnderlying: number;
  hedgeFlowUnderlying: number;
  perpFlowUnderlying: number;
  liquidations: number;
  liquidatedDebtUsd: number;
  collateralSoldUnderlying: number;
  collateralSoldUsd: number;
  /** Liquidatable positions left for later blocks: over capacity or unprofitable. */
  backlog: number;
  /**
   * Cumulative realised losses, USD, all protocols: lending write-offs (deficit, unbacked debt, Comet
   * shortfall) and perp venues' fund drawdown plus ADL. The run's headline adds open positions insolvent at
   * the final price (`totals.badDebtByProtocol[id].insolventOpenUsd`).
   */
  badDebtUsd: number;
  /** The same per protocol (markets and perp venues, by id). */
  realizedLossUsd: Record<string, number>;
  insuranceLeftUsd: Record<string, number>;
  volMultiplier: number;
  marketMakerEquityUsd: number[];
  gexUsdPer1Pct: number;
  /** With competing bots: this block's race. */
  race?: RaceRound;
  /** Each pegged asset's price on its own pool at the block's end, in its peg asset (the peg is its rate). */
  pegPrices?: Record<string, number>;
};

export type ProtocolLoss = {
  /** Bad debt written off during the cascade (deficit, unbacked debt, Comet shortfall). */
  realizedUsd: number;
  /** Open positions whose debt exceeds their collateral at the final market price. */
  insolventOpenUsd: number;
  totalUsd: number;
  insuranceFundUsd: number;
  exceedsInsuranceFund: boolean;
};

/**
 * Which token each market's losses came through (the report's contagion graph): a loss on a token another
 * market issues (`issuer`) is that market's contagion into this one.
 */
export type Contagion = {
  losses: { market: string; token: string; usd: number; issuer?: string }[];
  /** Tokens a market issues that others hold as collateral. */
  issued: { token: string; issuer: string; underlying: string }[];
};

/** A staked backstop that covers a protocol's losses in kind (Aave's Umbrella): what it held, covered and has left. */
export type BackstopUse = {
  market: string;
  asset: string;
  /** The stake at the start and at the end, whole tokens (its aTokens' balance). */
  stakeStart: number;
  stakeEnd: number;
  /** Deficit covered, USD at the oracle when each cover landed. */
  coveredUsd: number;
  /** Times it covered a deficit. */
  covers: number;
};

/**
 * What an Aave market's liquidator took as aTokens (receiveAToken, when the reserve could not pay the
 * seizure out) and unwound (withdrawn once the reserve had cash, and sold), per reserve; whole tokens.
 */
export type HeldATokens = {
  market: string;
  asset: string;
  /** Liquidations that took this reserve's aTokens, and the collateral they took. */
  takes: number;
  taken: number;
  /** Withdrawals, what they withdrew, and what its sale fetched in `proceedsAsset`. */
  unwinds: number;
  withdrawn: number;
  proceeds: number;
  proceedsAsset: string;
  /** Still held at the end (the held aTokens' balance at the last block's normalised income). */
  heldAtEnd: number;
  /** The scaled aTokens still held at the end, as the aToken's scaledBalanceOf gives them (decimal string). */
  heldScaled: string;
};

/** A liquidatable position no liquidation could take, and why (see CascadeResult.blockedLiquidations). */
export type BlockedLiquidation = { market: string; positionId: string; block: number; reason: string };

export type CascadeResult = {
  stopReason: "fixed-point" | "price-collapsed" | "pool-drained" | "max-blocks";
  /** With `pool-drained`: the pool whose price ran past its liquidity to Uniswap's limit, and the block. */
  drainedPool?: { id: string; block: number };
  /**
   * Positions liquidatable that no liquidation could take because the collateral could not be redeemed
   * (a wrapped collateral whose issuer's reserve had no cash): each position once, at the first block.
   */
  blockedLiquidations?: BlockedLiquidation[];
  /** aTokens the liquidators took and unwound (present when they take aTokens and took any). */
  heldATokens?: HeldATokens[];
  /** Staked backstops (Aave's Umbrella) and what they covered (present when a market has one). */
  backstops?: BackstopUse[];
  /** What each bridge did, and where its halt left the asset (present when the scenario has one). */
  bridges?: BridgeOutcome[];
  /** What the Sovereign Risk DAO did and what it cost (present when the scenario has a policy). */
  dao?: DaoOutcome;
  /** What each safety module sold and raised, and what it was worth when the losses landed. */
  safetyModules?: SafetyModuleOutcome[];
  /** Which token each market's losses came through (present when some market lost anything). */
  contagion?: Contagion;
  blocks: number;
  rounds: RoundRecord[];
  events: CascadeEvent[];
  totals: {
    valueLiquidatedUsd: number;
    collateralSoldUsd: number;
    liquidations: number;
    hedgeVolumeUnderlying: number;
    badDebtUsd: number;
    badDebtByProtocol: Record<string, ProtocolLoss>;
    perpLiquidations: number;
    perpAdlUsd: number;
    startPrice: number;
    finalPrice: number;
    minPrice: number;
  };
  finalState: CascadeState;
  /** Liquidation work: Aave positions examined, and how many of those a float bound rejected. */
  work: { aaveAttempts: number; provenUnprofitable: number };
  /** With competing bots: each bot's race over the cascade, in liquidators.bots order. */
  race?: { bots: BotTotals[] };
};

export type RunCascadeOptions = {
  /** Exogenous path per block as multiples of the start (from shockMultipliers). */
  shock: readonly number[];
  maxBlocks: number;
  seed: number;
  /** Keep every liquidation event (default true; the 1M-borrower bench turns it off). */
  recordEvents?: boolean;
  /**
   * Let a float bound reject Aave liquidations that provably cannot pay before the exact code runs (default
   * true). Outputs are the same either way; false is for checking that claim.
   */
  provenUnprofitableSkip?: boolean;
  /** Called after every block (progress bars). */
  onRound?: (round: RoundRecord) => void;
  /** Called for every state change a chain must reproduce, in order (the chain harness's script). */
  onAction?: (action: CascadeAction) => void;
  /**
   * Called at the end of every block with each Aave market's liquidatable positions (indices; the pool's
   * rule: health factor below 1 with collateral counted), for the chain's own scan to be compared with.
   * Costs a health-factor computation per position per block: for chain runs, not for large model runs.
   */
  onLiquidatable?: (block: number, market: string, positionIndices: number[]) => void;
  /**
   * A live-SSF probe of the DAO's (src/model/dao): its margin decisions up to `untilBlock` are replayed, none
   * are taken after (its other levers keep their rules).
   */
  daoReplay?: DaoReplay;
};

/** The block's market as the venues (option books, perp venues) see it. */
export type BlockMarket = {
  /** The reference pool's price after the shock and arbitrage, USD. */
  marketPrice: number;
  /** 1 − price / running peak. */
  drawdown: number;
};

/** What a venue's stage emits each block: the underlying it sold into the pools (+; − bought) and whether it acted. */
export type VenueFlows = { flowUnderlying: number; activity: boolean };
