// The public API of DLCM (the one deliberate barrel).

// The chain side: a chain (started or attached), and reading protocol state into the model's form.
export { type CreateChainParameters, createChain } from "./chain/createChain.js";
export type { Chain, ChainBackend } from "./chain/types.js";
export { BaseError } from "./errors/BaseError.js";
export { MathRevertError } from "./errors/MathRevertError.js";
export { ModelInputError } from "./errors/ModelInputError.js";
export { ScenarioLoadError } from "./errors/ScenarioLoadError.js";
export { ScenarioValidationError } from "./errors/ScenarioValidationError.js";
export { readCascadeState } from "./harness/readCascadeState.js";
export * as UniswapV2Library from "./model/amm/v2/UniswapV2Library.js";
export * as SqrtPriceMath from "./model/amm/v3/SqrtPriceMath.js";
export * as SwapMath from "./model/amm/v3/SwapMath.js";
export { swap } from "./model/amm/v3/swap.js";
export { swapOutputUpperBound } from "./model/amm/v3/swapOutputUpperBound.js";
export * as TickMath from "./model/amm/v3/TickMath.js";
export { buildCascadeState } from "./model/cascade/buildCascadeState.js";
export { runCascade } from "./model/cascade/runCascade.js";
export { shockDepth, shockMultipliers } from "./model/cascade/shockPath.js";
export type {
  AaveMarketModel,
  BookModel,
  CascadeAction,
  CascadeEvent,
  CascadeResult,
  CascadeState,
  CompoundMarketModel,
  MarketModel,
  OracleModel,
  PerpVenueModel,
  PoolModel,
  RoundRecord,
  RunCascadeOptions,
} from "./model/cascade/types.js";
export { calculateUserAccountData } from "./model/lending/aave/calculateUserAccountData.js";
export { estimateLiquidation } from "./model/lending/aave/estimateLiquidation.js";
export { executeLiquidationCall } from "./model/lending/aave/executeLiquidationCall.js";
export * as PercentageMath from "./model/lending/aave/PercentageMath.js";
export * as ReserveConfiguration from "./model/lending/aave/ReserveConfiguration.js";
export type { AavePosition, AaveReserve } from "./model/lending/aave/types.js";
export * as WadRayMath from "./model/lending/aave/WadRayMath.js";
export { absorb } from "./model/lending/compound/absorb.js";
export { buyCollateral } from "./model/lending/compound/buyCollateral.js";
export { isLiquidatable } from "./model/lending/compound/isLiquidatable.js";
export { quoteCollateral } from "./model/lending/compound/quoteCollateral.js";
export type { CometMarket, CometPosition } from "./model/lending/compound/types.js";
export type { LendingMarket, LiquidationOutcome } from "./model/markets/types.js";
export { blackScholes } from "./model/options/blackScholes.js";
export { bookGreeks } from "./model/options/bookGreeks.js";
export { type ModelReport, type RunModelOptions, runModel } from "./model/runModel.js";
export { parseScenario } from "./model/scenario/parseScenario.js";
export { type Scenario, type ScenarioInput, scenarioSchema } from "./model/scenario/schema.js";
export { collateralHaircutBreakpoint } from "./model/thresholds/collateralHaircutBreakpoint.js";
export { gammaNeutralityPrice } from "./model/thresholds/gammaNeutralityPrice.js";
export { hedgeCrossoverPrice } from "./model/thresholds/hedgeCrossoverPrice.js";
export { liquidityAbsorptionCapacity } from "./model/thresholds/liquidityAbsorptionCapacity.js";
export { scanShock } from "./model/thresholds/scanShock.js";
export { solvencyMap } from "./model/thresholds/solvencyMap.js";
export { systemicSolvencyFailure } from "./model/thresholds/systemicSolvencyFailure.js";
export { readAaveMarket } from "./protocols/aave/readAaveMarket.js";
export { forkAddressesOf } from "./protocols/addresses/forkAddressesOf.js";
export type { AddressBook, ForkAddresses } from "./protocols/types.js";
export { readUniswapV3Pool } from "./protocols/uniswap/readUniswapV3Pool.js";
export { loadScenario } from "./scenario/loadScenario.js";
