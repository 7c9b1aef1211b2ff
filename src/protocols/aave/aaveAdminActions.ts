import { encodeFunctionData, parseAbi, type TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import type { BlockTransaction } from "../../chain/sendBlock.js";
import type { MarketAction } from "../../model/cascade/types.js";
import type { AaveMarketAddresses, AddressBook, ObservedAction } from "../types.js";

const UMBRELLA_ABI = parseAbi([
  "function eliminateReserveDeficit(address asset, uint256 amount) returns (uint256)",
  "event DeficitCovered(address indexed reserve, address caller, uint256 amountCovered)",
]);
const CONFIGURATOR_ABI = parseAbi([
  "function configureReserveAsCollateral(address asset, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus)",
  "event CollateralConfigurationChanged(address indexed asset, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus)",
  "function setReservePause(address asset, bool paused, uint40 gracePeriod)",
  "event LiquidationGracePeriodChanged(address indexed asset, uint40 gracePeriodUntil)",
]);

type AdminAction = Extract<MarketAction, { kind: "reserveConfig" | "eliminateDeficit" | "liquidationGrace" }>;

/**
 * An Aave market's own admin call for a model action: a risk steward's or the DAO's update as the pool admin
 * (the risk-admin path of the PoolConfigurator, `configureReserveAsCollateral`), the DAO's liquidation delay
 * (`setReservePause(asset, false, gracePeriod)`, the emergency/pool-admin path that sets the reserve's
 * liquidation grace period, v3.1+), or the Umbrella covering a deficit with its staked aTokens
 * (`Pool.eliminateReserveDeficit`, from the provider's UMBRELLA address).
 *
 * @param action - the model's action.
 * @param addresses - the market's contracts and accounts.
 * @param tokens - the address book's tokens.
 * @returns the transaction.
 */
export function aaveAdminTransaction(
  action: AdminAction,
  addresses: Pick<AaveMarketAddresses, "poolAdmin" | "poolConfigurator" | "pool" | "umbrella">,
  tokens: AddressBook["tokens"],
): BlockTransaction {
  if (action.kind === "liquidationGrace")
    return {
      from: addresses.poolAdmin,
      to: addresses.poolConfigurator,
      gas: 300_000n,
      data: encodeFunctionData({
        abi: CONFIGURATOR_ABI,
        functionName: "setReservePause",
        args: [tokens[action.asset]!.address, false, action.graceSeconds],
      }),
    };
  if (action.kind === "reserveConfig")
    return {
      from: addresses.poolAdmin,
      to: addresses.poolConfigurator,
      gas: 500_000n,
      data: encodeFunctionData({
        abi: CONFIGURATOR_ABI,
        functionName: "configureReserveAsCollateral",
        args: [
          tokens[action.asset]!.address,
          action.expected.ltvBps,
          action.expected.liquidationThresholdBps,
          action.expected.liquidationBonusBps,
        ],
      }),
    };
  return {
    from: addresses.umbrella!,
    to: addresses.pool,
    gas: 500_000n,
    data: encodeFunctionData({
      abi: UMBRELLA_ABI,
      functionName: "eliminateReserveDeficit",
      args: [tokens[action.asset]!.address, action.amount],
    }),
  };
}

/**
 * What an admin call did, from its event, beside the model's: the reserve's new terms
 * (CollateralConfigurationChanged), the grace period's end (LiquidationGracePeriodChanged: the block's
 * timestamp plus the delay) or the deficit covered (DeficitCovered); "none" where the event is missing.
 */
export function observeAaveAdminAction(
  receipt: TransactionReceipt,
  action: AdminAction,
  blockTimestamp: (block: number) => bigint,
): ObservedAction {
  if (action.kind === "liquidationGrace") {
    const event = receipt.logs
      .map((log) => decodeKnownLog(CONFIGURATOR_ABI, log))
      .find((e) => e?.eventName === "LiquidationGracePeriodChanged");
    const until = (event?.args as { gracePeriodUntil: number } | undefined)?.gracePeriodUntil;
    return {
      expected: { gracePeriodUntil: String(blockTimestamp(action.block) + BigInt(action.graceSeconds)) },
      got: { gracePeriodUntil: until === undefined ? "none" : String(until) },
    };
  }
  if (action.kind === "eliminateDeficit") {
    const event = receipt.logs
      .map((log) => decodeKnownLog(UMBRELLA_ABI, log))
      .find((e) => e?.eventName === "DeficitCovered");
    const got = (event?.args as { amountCovered: bigint } | undefined)?.amountCovered;
    return {
      expected: { covered: String(action.expected.covered) },
      got: { covered: got === undefined ? "none" : String(got) },
    };
  }
  const event = receipt.logs
    .map((log) => decodeKnownLog(CONFIGURATOR_ABI, log))
    .find((e) => e?.eventName === "CollateralConfigurationChanged");
  const got = event?.args as
    | { ltv: bigint; liquidationThreshold: bigint; liquidationBonus: bigint }
    | undefined;
  const e = action.expected;
  return {
    expected: {
      ltv: String(e.ltvBps),
      liquidationThreshold: String(e.liquidationThresholdBps),
      liquidationBonus: String(e.liquidationBonusBps),
    },
    got: got
      ? {
          ltv: String(got.ltv),
          liquidationThreshold: String(got.liquidationThreshold),
          liquidationBonus: String(got.liquidationBonus),
        }
      : { ltv: "none", liquidationThreshold: "none", liquidationBonus: "none" },
  };
}
