import { type Abi, type Address, encodeFunctionData, type TransactionReceipt } from "viem";
import { decodeKnownLog } from "../../chain/decodeKnownLog.js";
import { loadArtifact } from "../../chain/loadArtifact.js";
import type { BlockTransaction } from "../../chain/sendBlock.js";
import type { CascadeAction } from "../../model/cascade/types.js";

type BridgeAction = Extract<CascadeAction, { kind: "bridge" }>;

/** A bridge on chain: the transaction for each of the model's bridge actions, and what its receipt shows. */
export type ChainBridge = {
  address: Address;
  transaction(action: BridgeAction): BlockTransaction;
  /** The model's amount (or halt) against the receipt's BridgedIn / BridgedOut / Halted event. */
  observe(
    receipt: TransactionReceipt,
    action: BridgeAction,
  ): { expected: Record<string, string>; got: Record<string, string> };
};

const EVENT = { in: "BridgedIn", out: "BridgedOut", halt: "Halted" } as const;

/**
 * The chain side of a bridge (contracts/bridge/HaltableBridge.sol): `in` is the relayer's bridgeIn to the
 * trader, `out` the trader's bridgeOut, `halt` the guardian's halt.
 *
 * @param parameters - the bridge's address, its relayer/guardian (the deployer) and the trader.
 * @example const bridge = createChainBridge({ address, deployer, trader }); bridge.transaction(action);
 */
export function createChainBridge(parameters: {
  address: Address;
  deployer: Address;
  trader: Address;
}): ChainBridge {
  const { address, deployer, trader } = parameters;
  const abi = loadArtifact("bridge/HaltableBridge").abi as Abi;
  const call = (from: Address, functionName: string, args: readonly unknown[]): BlockTransaction => ({
    from,
    to: address,
    gas: 200_000n,
    data: encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]),
  });
  return {
    address,
    transaction(action) {
      if (action.direction === "in") return call(deployer, "bridgeIn", [trader, action.amount]);
      if (action.direction === "out") return call(trader, "bridgeOut", [action.amount]);
      return call(deployer, "halt", []);
    },
    observe(receipt, action) {
      const name = EVENT[action.direction];
      const shown = (amount: bigint | undefined): Record<string, string> =>
        action.direction === "halt" ? { event: name } : { event: name, amount: String(amount) };
      const expected = shown(action.amount);
      for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== address.toLowerCase()) continue;
        const event = decodeKnownLog(abi, log);
        if (event?.eventName === name)
          return { expected, got: shown((event.args as { amount?: bigint }).amount) };
      }
      return { expected, got: { event: "none" } };
    },
  };
}
