import { type Address, encodeFunctionData, parseAbi, type TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import type { BlockTransaction } from "../../chain/sendBlock.js";
import type { MarketAction } from "../../model/cascade/types.js";
import type { CometMarketAddresses, ObservedAction } from "../types.js";

/**
 * The governor's calls: absorb's pause on Comet, the Configurator's factor updates, and the proxy admin's
 * upgrade to an implementation the Configurator deploys (Comet's factors are immutables of it).
 */
const ADMIN_ABI = parseAbi([
  "function pause(bool supplyPaused, bool transferPaused, bool withdrawPaused, bool absorbPaused, bool buyPaused)",
  "event PauseAction(bool supplyPaused, bool transferPaused, bool withdrawPaused, bool absorbPaused, bool buyPaused)",
  "function updateAssetBorrowCollateralFactor(address cometProxy, address asset, uint64 newBorrowCF)",
  "function updateAssetLiquidateCollateralFactor(address cometProxy, address asset, uint64 newLiquidateCF)",
  "function deployAndUpgradeTo(address configuratorProxy, address cometProxy)",
  "event UpdateAssetBorrowCollateralFactor(address indexed cometProxy, address indexed asset, uint64 oldBorrowCF, uint64 newBorrowCF)",
  "event UpdateAssetLiquidateCollateralFactor(address indexed cometProxy, address indexed asset, uint64 oldLiquidateCF, uint64 newLiquidateCF)",
  "event CometDeployed(address indexed cometProxy, address indexed newComet)",
  "event Upgraded(address indexed implementation)",
]);
const UPDATE = {
  borrowCollateralFactor: {
    functionName: "updateAssetBorrowCollateralFactor",
    event: "UpdateAssetBorrowCollateralFactor",
  },
  liquidateCollateralFactor: {
    functionName: "updateAssetLiquidateCollateralFactor",
    event: "UpdateAssetLiquidateCollateralFactor",
  },
} as const;

export type CometAdminAction = Extract<
  MarketAction,
  { kind: "absorbPause" | "cometAssetFactor" | "cometUpgrade" }
>;

/** Whether a market action is one of the governor's. */
export function isCometAdminAction(action: MarketAction): action is CometAdminAction {
  return (
    action.kind === "absorbPause" || action.kind === "cometAssetFactor" || action.kind === "cometUpgrade"
  );
}

/**
 * A Comet market's governor call for a model action, sent from the governor (the replica's deployer; the
 * impersonated timelock on a fork): the DAO's liquidation delay (`pause`, absorb only), a collateral
 * factor set in the Configurator, or `CometProxyAdmin.deployAndUpgradeTo(configurator, comet)`, which makes
 * the Configurator's factors live.
 *
 * @param action - the model's action.
 * @param addresses - the market's contracts and governor.
 * @param assetAddress - a collateral's token address by symbol.
 * @returns the transaction.
 */
export function cometAdminTransaction(
  action: CometAdminAction,
  addresses: Pick<CometMarketAddresses, "comet" | "governor" | "configurator" | "proxyAdmin">,
  assetAddress: (symbol: string) => Address,
): BlockTransaction {
  const from = addresses.governor;
  if (action.kind === "absorbPause")
    return {
      from,
      to: addresses.comet,
      gas: 200_000n,
      data: encodeFunctionData({
        abi: ADMIN_ABI,
        functionName: "pause",
        args: [false, false, false, action.paused, false],
      }),
    };
  if (action.kind === "cometAssetFactor")
    return {
      from,
      to: addresses.configurator,
      gas: 300_000n,
      data: encodeFunctionData({
        abi: ADMIN_ABI,
        functionName: UPDATE[action.factor].functionName,
        args: [addresses.comet, assetAddress(action.asset), action.value],
      }),
    };
  // A new implementation: its creation (~23 KB of code) is most of the ~5M gas.
  return {
    from,
    to: addresses.proxyAdmin,
    gas: 12_000_000n,
    data: encodeFunctionData({
      abi: ADMIN_ABI,
      functionName: "deployAndUpgradeTo",
      args: [addresses.configurator, addresses.comet],
    }),
  };
}

/**
 * What a governor call did, from its receipt: the pause's PauseAction; the Configurator's event for the
 * factor (its new value, and that it is the asset's); for the upgrade, whether the proxy's Upgraded names
 * the implementation the Configurator's CometDeployed announced.
 *
 * @param receipt - the call's receipt.
 * @param action - the model's action.
 * @param addresses - the market's Comet proxy.
 * @param assetAddress - a collateral's token address by symbol.
 * @returns expected and got, field by field.
 */
export function observeCometAdmin(
  receipt: TransactionReceipt,
  action: CometAdminAction,
  addresses: Pick<CometMarketAddresses, "comet">,
  assetAddress: (symbol: string) => Address,
): ObservedAction {
  const events = receipt.logs.flatMap((log) => {
    const e = decodeKnownLog(ADMIN_ABI, log);
    return e
      ? [{ eventName: e.eventName, args: e.args as Record<string, unknown>, address: log.address }]
      : [];
  });
  const named = (name: string) => events.find((e) => e.eventName === name);
  if (action.kind === "absorbPause") {
    const got = named("PauseAction")?.args.absorbPaused as boolean | undefined;
    return {
      expected: { absorbPaused: String(action.paused) },
      got: { absorbPaused: got === undefined ? "none" : String(got) },
    };
  }
  if (action.kind === "cometAssetFactor") {
    const args = named(UPDATE[action.factor].event)?.args;
    const got = (args?.newBorrowCF ?? args?.newLiquidateCF) as bigint | undefined;
    const same = String(args?.asset ?? "").toLowerCase() === assetAddress(action.asset).toLowerCase();
    return {
      expected: { [action.factor]: String(action.value), asset: action.asset },
      got: {
        [action.factor]: got === undefined ? "none" : String(got),
        asset: same ? action.asset : "other",
      },
    };
  }
  const deployed = named("CometDeployed")?.args.newComet as Address | undefined;
  const upgraded = events.find(
    (e) => e.eventName === "Upgraded" && e.address.toLowerCase() === addresses.comet.toLowerCase(),
  )?.args.implementation as Address | undefined;
  const ok = deployed !== undefined && upgraded?.toLowerCase() === deployed.toLowerCase();
  return { expected: { upgraded: "true" }, got: { upgraded: String(ok) } };
}
