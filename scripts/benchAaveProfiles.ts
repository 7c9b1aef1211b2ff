// Issue 14's numbers: Aave v3.6 from source against the v3.0 npm build, and v3.7 from its pinned git
// source when it can be had, on the same scenario and backend.

import { rmSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { dlcmCacheDir } from "../src/build/cometSource.js";
import { aaveV37ArtifactsName } from "../src/build/compileAaveV37.js";
import { ensureAaveV37Build } from "../src/build/ensureAaveV37Build.js";
import { AAVE_V36_SOURCE } from "../src/build/protocolSources.js";
import { createChain } from "../src/chain/createChain.js";
import { PROJECT_ROOT } from "../src/chain/loadArtifact.js";
import { ProtocolSourceError } from "../src/errors/ProtocolSourceError.js";
import { deployReplica } from "../src/harness/deployReplica.js";
import { buildCascadeState } from "../src/model/cascade/buildCascadeState.js";
import { runCascade } from "../src/model/cascade/runCascade.js";
import { shockMultipliers } from "../src/model/cascade/shockPath.js";
import { parseScenario } from "../src/model/scenario/parseScenario.js";
import { benchRun } from "./benchChain.js";

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** `hardhat build` of the v3.6 sources: cold (its artifacts and build info removed) and cached (nothing to do). */
async function compileTimes(): Promise<Record<string, number>> {
  const hardhat = join(PROJECT_ROOT, "node_modules", ".bin", "hardhat");
  rmSync(join(PROJECT_ROOT, "artifacts", AAVE_V36_SOURCE.package), { recursive: true, force: true });
  let t = performance.now();
  await execa(hardhat, ["build", "--quiet"], { cwd: PROJECT_ROOT });
  const coldMs = performance.now() - t;
  t = performance.now();
  await execa(hardhat, ["build", "--quiet"], { cwd: PROJECT_ROOT });
  return { coldMs: Math.round(coldMs), cachedMs: Math.round(performance.now() - t) };
}

// biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON, edited before validation
function withProfile(base: Record<string, any>, profile: "v3.0" | "v3.6" | "v3.7", borrowers?: number) {
  const raw = structuredClone(base);
  raw.name = `${raw.name}-${profile}${borrowers ? `-${borrowers}` : ""}`;
  // The same easy state for every profile (the liquidation code's speed, not the accrual's): no interest,
  // no utilisation target.
  for (const m of raw.markets)
    if (m.kind === "aave-v3") {
      m.profile = profile;
      delete m.historyDays;
      for (const r of m.reserves) for (const k of ["interestRates", "utilization", "supplyUsd"]) delete r[k];
    }
  if (borrowers) raw.borrowers[0].generator.count = borrowers;
  return raw;
}

/**
 * Compile time of the v3.6 sources (cold, cached); deploy and seed time of each profile's market on anvil;
 * the on-chain cascade's transaction rate per profile (and the ratio v3.6 / v3.0); the model cascade's time
 * per profile on a 100,000-borrower book.
 */
// biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON
export async function benchAaveProfiles(base: Record<string, any>): Promise<Record<string, unknown>> {
  const compile: Record<string, number | string> = await compileTimes();
  const deploy: Record<string, unknown> = {};
  const run: Record<string, unknown> = {};
  const model: Record<string, unknown> = {};
  // v3.7 from its pinned git source: compiled cold here (the cache's artifacts removed), skipped without it.
  const profiles: ("v3.0" | "v3.6" | "v3.7")[] = ["v3.0", "v3.6"];
  try {
    rmSync(join(dlcmCacheDir(), "artifacts", aaveV37ArtifactsName()), { recursive: true, force: true });
    const t = performance.now();
    await ensureAaveV37Build();
    compile.v37ColdMs = Math.round(performance.now() - t);
    profiles.push("v3.7");
  } catch (error) {
    if (!(error instanceof ProtocolSourceError)) throw error;
    compile.v37 = error.shortMessage;
  }
  for (const profile of profiles) {
    const scenario = parseScenario(withProfile(base, profile, 1000));
    const chain = await createChain({ backend: "anvil" });
    try {
      const replica = await deployReplica(chain, scenario);
      deploy[profile] = {
        borrowers: 1000,
        deployMs: Math.round(replica.timings["aave:aave:deploy"] ?? 0),
        seedMs: Math.round(replica.timings["aave:aave:seed"] ?? 0),
      };
    } finally {
      await chain.stop();
    }
    run[profile] = await benchRun(withProfile(base, profile), "anvil", 1000, "final");
    const big = parseScenario(withProfile(base, profile, 100_000));
    const state = buildCascadeState(big);
    const t = performance.now();
    const r = runCascade(state, {
      shock: shockMultipliers(big.shock, big.blockTimeSeconds),
      maxBlocks: big.maxBlocks,
      seed: big.seed,
      recordEvents: false,
    });
    model[profile] = {
      borrowers: 100_000,
      cascadeMs: Math.round(performance.now() - t),
      liquidations: r.totals.liquidations,
    };
  }
  const tps = (p: string) => (run[p] as { transactionsPerSecond: number }).transactionsPerSecond;
  const ms = (p: string) => (model[p] as { cascadeMs: number }).cascadeMs;
  return {
    compile,
    deploy,
    run,
    model,
    ratios: {
      chainTransactionsPerSecondV36OverV30: round(tps("v3.6") / tps("v3.0")),
      modelCascadeMsV36OverV30: round(ms("v3.6") / ms("v3.0")),
      ...(profiles.includes("v3.7")
        ? {
            chainTransactionsPerSecondV37OverV36: round(tps("v3.7") / tps("v3.6")),
            modelCascadeMsV37OverV36: round(ms("v3.7") / ms("v3.6")),
          }
        : {}),
    },
  };
}
