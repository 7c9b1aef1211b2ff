import type { HardhatPlugin } from "hardhat/types/plugins";

/**
 * A Hardhat plugin that gives the protocol packages built from source (PROTOCOL_SOURCES) the remappings
 * their imports need but that they do not ship (Hardhat reads an npm package's remappings.txt only), and
 * compiles each protocol's roots in one solc job.
 */
export const protocolSourcesPlugin: HardhatPlugin = {
  id: "dlcm-protocol-sources",
  hookHandlers: {
    solidity: () => import("./protocolSourcesHooks.js"),
    config: () => import("./protocolSourcesConfigHooks.js"),
  },
};
