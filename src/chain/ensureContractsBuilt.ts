import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { DeploymentError } from "../errors/DeploymentError.js";
import { PROJECT_ROOT } from "./loadArtifact.js";

function newestMtime(dir: string, suffix: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(suffix)) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Compiles the project's contracts (Hardhat, offline solc) when their artifacts are missing or older than
 * a source, so `dlcm run` works straight after install.
 *
 * @param onBuild - called before a build starts (progress).
 * @throws {DeploymentError} when the compilation fails, with Hardhat's output.
 */
export async function ensureContractsBuilt(onBuild: () => void = () => {}): Promise<void> {
  const sources = newestMtime(join(PROJECT_ROOT, "contracts"), ".sol");
  const artifacts = newestMtime(join(PROJECT_ROOT, "artifacts", "contracts"), ".json");
  if (artifacts >= sources && artifacts > 0) return;
  onBuild();
  const result = await execa(join(PROJECT_ROOT, "node_modules", ".bin", "hardhat"), ["build", "--quiet"], {
    cwd: PROJECT_ROOT,
    reject: false,
    all: true,
  });
  if (result.exitCode !== 0)
    throw new DeploymentError("Compiling the contracts failed.", {
      details: String(result.all ?? "").slice(-2_000),
      metaMessages: ["Try: npm run build:contracts"],
    });
}
