import type { Address, Client, EIP1193RequestFn, PublicActions, TestActions, Transport } from "viem";

export type ChainBackend = "anvil" | "edr";

/** What the dev-node check proved about the node (see assertDevNode). */
export type DevNodeInfo = { kind: "anvil" | "hardhat"; forked: boolean; forkBlockNumber: bigint | undefined };

/** A viem client with public and test (dev-node) actions. */
export type ChainClient = Client<Transport> & PublicActions<Transport> & TestActions;

/**
 * A running local chain, the same shape on anvil and EDR: everything above src/chain/ uses only this.
 */
export type Chain = {
  backend: ChainBackend;
  chainId: number;
  client: ChainClient;
  /** Raw JSON-RPC (for methods viem has no action for, e.g. eth_sendTransactionSync). */
  request: EIP1193RequestFn;
  /** Proven at start: the node is a local dev node (and whether it forks). */
  devNode: DevNodeInfo;
  /** Dev accounts the node unlocked (funded with 10,000 ETH each). */
  accounts: readonly Address[];
  /** Addresses impersonated so far (impersonation is not part of snapshots). */
  impersonated: Set<Address>;
  /** anvil's own local HTTP endpoint (another node can fork it); undefined on EDR (in-process). */
  localRpcUrl: string | undefined;
  /** anvil's pid, for checks that no process is left behind; undefined on EDR (in-process). */
  pid: number | undefined;
  /** Every process of ours behind the chain (a local anvil is two: see startLocalAnvil); empty on EDR. */
  pids: readonly number[];
  /** Closes clients and stops the node. Safe to call twice. */
  stop: () => Promise<void>;
};
