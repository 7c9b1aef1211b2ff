import {
  type Address,
  encodeAbiParameters,
  type Hex,
  hexToBigInt,
  keccak256,
  numberToHex,
  parseAbi,
} from "viem";
import type { Chain } from "../../chain/types.js";
import type { MorphoMarket } from "../../model/lending/morpho/types.js";

const EXT_SLOADS = parseAbi(["function extSloads(bytes32[] slots) view returns (bytes32[])"]);
const POSITION_SLOT = 2n;
const MARKET_SLOT = 3n;
const LOW_128 = (1n << 128n) - 1n;

const slotOf = (key: Hex | Address, keyType: "bytes32" | "address", slot: bigint | Hex) =>
  keccak256(
    encodeAbiParameters([{ type: keyType }, { type: typeof slot === "bigint" ? "uint256" : "bytes32" }], [
      key,
      slot,
    ] as never),
  );
const plus = (slot: Hex, offset: bigint) => numberToHex(hexToBigInt(slot) + offset, { size: 32 });

/**
 * A Morpho Blue market's stored totals, last update and fee, and these accounts' borrow shares and collateral,
 * in one `extSloads` call (Morpho's own storage reader; the slots are MorphoStorageLib's, @morpho-org/morpho-blue
 * 1.0.0): what the per-block scan needs, at the cost of one request whatever the number of accounts. The IRM's
 * rate at target is not read (0).
 */
export async function readMorphoBySlots(
  chain: Chain,
  parameters: { morpho: Address; id: Hex; accounts: readonly Address[] },
): Promise<{ market: MorphoMarket; positions: { borrowShares: bigint; collateral: bigint }[] }> {
  const { morpho, id, accounts } = parameters;
  const marketBase = slotOf(id, "bytes32", MARKET_SLOT);
  const positionBase = slotOf(id, "bytes32", POSITION_SLOT);
  const slots = [
    plus(marketBase, 0n),
    plus(marketBase, 1n),
    plus(marketBase, 2n),
    ...accounts.map((a) => plus(slotOf(a, "address", positionBase), 1n)),
  ];
  const words = (await chain.client.readContract({
    address: morpho,
    abi: EXT_SLOADS,
    functionName: "extSloads",
    args: [slots],
  })) as readonly Hex[];
  const [supply, borrow, update] = words.slice(0, 3).map((w) => hexToBigInt(w)) as [bigint, bigint, bigint];
  return {
    market: {
      totalSupplyAssets: supply & LOW_128,
      totalSupplyShares: supply >> 128n,
      totalBorrowAssets: borrow & LOW_128,
      totalBorrowShares: borrow >> 128n,
      lastUpdate: update & LOW_128,
      fee: update >> 128n,
      rateAtTarget: 0n,
    },
    positions: words.slice(3).map((w) => {
      const v = hexToBigInt(w);
      return { borrowShares: v & LOW_128, collateral: v >> 128n };
    }),
  };
}
