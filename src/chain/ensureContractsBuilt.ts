import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { execa } from "execa";
import { PROTOCOL_SOURCES } from "../build/protocolSources.js";
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
 * a source, and the protocols built from source (Aave v3.6) when theirs are missing, so `dlcm run` works
 * straight after install (a cold build takes about 30 s, most of it Aave v3.6).
 *
 * @param onBuild - called before a build starts (progress).
 * @throws {DeploymentError} when the compilation fails, with Hardhat's output.
 */
export async function ensureContractsBuilt(onBuild: () => void = () => {}): Promise<void> {
  const sources = newestMtime(join(PROJECT_ROOT, "contracts"), ".sol");
  const artifacts = newestMtime(join(PROJECT_ROOT, "artifacts", "contracts"), ".json");
  // Protocols built from their packages' source: one artifact per root file (its contract's name).
  const fromSource = PROTOCOL_SOURCES.every((s) =>
    s.files.every((f) =>
      existsSync(join(PROJECT_ROOT, "artifacts", s.package, f, `${basename(f, ".sol")}.json`)),
    ),
  );
  if (artifacts >= sources && artifacts > 0 && fromSource) return;
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
