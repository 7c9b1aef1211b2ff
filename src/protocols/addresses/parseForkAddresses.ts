import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { ScenarioValidationError } from "../../errors/ScenarioValidationError.js";
import type { ForkAddresses } from "../types.js";

const address = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), "a 0x-prefixed 20-byte address")
  .transform((s) => getAddress(s));

const forkAddressesSchema = z.object({
  chainId: z.number().int().positive(),
  tokens: z.record(z.string(), z.object({ address, decimals: z.number().int().min(0).max(36) })),
  aave: z.record(
    z.string(),
    z.object({
      pool: address,
      addressesProvider: address,
      aclManager: address,
      poolAdmin: address,
      poolConfigurator: address,
      oracle: address,
      dataProvider: address,
      treasury: address,
      reserves: z.record(z.string(), z.object({ aToken: address, variableDebtToken: address })),
    }),
  ),
  compound: z.record(z.string(), z.object({ comet: address, configurator: address })).optional(),
  morpho: z
    .record(
      z.string(),
      z.object({
        morpho: address,
        id: z
          .string()
          .regex(/^0x[0-9a-fA-F]{64}$/, "a 32-byte market id")
          .transform((s) => s as `0x${string}`),
      }),
    )
    .optional(),
  uniswapV3: z.object({
    factory: address,
    pools: z.record(
      z.string(),
      z.object({ address, feePips: z.number().int().positive(), token0: address, token1: address }),
    ),
  }),
});

/**
 * Validates an address file for fork mode (`--addresses`): the protocol contracts of a chain DLCM has no
 * built-in list for, or of a local node standing in for mainnet. Extra keys (a whole replica address book)
 * are ignored. Every bad field is listed with its path.
 *
 * @param input - the parsed JSON.
 * @param source - where it came from, for the message.
 * @returns the addresses, checksummed.
 * @throws {ScenarioValidationError} listing each bad field.
 */
export function parseForkAddresses(input: unknown, source: string): ForkAddresses {
  const parsed = forkAddressesSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new ScenarioValidationError(`${source}: not a valid address file (${lines.length} problems).`, {
    metaMessages: [
      ...lines,
      "Shape: { chainId, tokens, aave: { <market id>: {...} }, compound?: { <market id>: { comet, configurator } }, morpho?: { <market id>: { morpho, id } }, uniswapV3: { factory, pools } }.",
    ],
  });
}
