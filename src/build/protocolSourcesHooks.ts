import type { SolidityHooks } from "hardhat/types/hooks";
import { PROTOCOL_SOURCES } from "./protocolSources.js";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async readNpmPackageRemappings(context, packageName, packageVersion, packagePath, next) {
    const found = await next(context, packageName, packageVersion, packagePath);
    const source = PROTOCOL_SOURCES.find((s) => s.package === packageName);
    const remappings =
      source?.remappings ??
      PROTOCOL_SOURCES.find((s) => s.dependencyRemappings?.[packageName])?.dependencyRemappings?.[
        packageName
      ];
    if (remappings === undefined) return found;
    return [...found, { remappings, source: `${packagePath}/remappings.txt` }];
  },
});
