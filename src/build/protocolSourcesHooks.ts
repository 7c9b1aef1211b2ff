import type { SolidityHooks } from "hardhat/types/hooks";
import { PROTOCOL_SOURCES } from "./protocolSources.js";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async readNpmPackageRemappings(context, packageName, packageVersion, packagePath, next) {
    const found = await next(context, packageName, packageVersion, packagePath);
    const source = PROTOCOL_SOURCES.find((s) => s.package === packageName);
    if (source === undefined) return found;
    return [...found, { remappings: source.remappings, source: `${packagePath}/remappings.txt` }];
  },
});
