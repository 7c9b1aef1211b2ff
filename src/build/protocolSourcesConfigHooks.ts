import type { ConfigHooks } from "hardhat/types/hooks";
import { PROTOCOL_SOURCES } from "./protocolSources.js";

/**
 * Hardhat merges root files into one solc job only when their compiler configs are the same object; each
 * resolved override is its own object, so without this every root of a protocol compiled on its own (Aave
 * v3.6: 15 jobs, 70 s cold instead of one job). Here all roots of one protocol share one config.
 */
export default async (): Promise<Partial<ConfigHooks>> => ({
  async resolveUserConfig(userConfig, resolveConfigurationVariable, next) {
    const config = await next(userConfig, resolveConfigurationVariable);
    for (const profile of Object.values(config.solidity.profiles)) {
      for (const source of PROTOCOL_SOURCES) {
        const keys = source.files.map((f) => `${source.package}/${f}`).filter((k) => profile.overrides[k]);
        const shared = keys.length > 0 ? profile.overrides[keys[0]!] : undefined;
        if (shared !== undefined) for (const k of keys) profile.overrides[k] = shared;
      }
    }
    return config;
  },
});
