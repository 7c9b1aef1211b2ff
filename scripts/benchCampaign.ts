// The Aave v3.6 exactness campaign's speed in `npm run bench` (issue 14): deploying its market, then one
// seeded run of at most 1,200 steps on anvil, each a transaction, a lens read and a comparison.
import fc from "fast-check";
import { createChain } from "../src/chain/createChain.js";
import { openReplicaSession } from "../src/harness/openReplicaSession.js";
import { campaignCommands } from "../src/testing/aaveCampaign/campaignCommands.js";
import { openCampaign } from "../src/testing/aaveCampaign/openCampaign.js";
import { campaignScenario } from "../src/testing/campaignScenario.js";

export async function benchCampaign(): Promise<Record<string, unknown>> {
  const chain = await createChain({ backend: "anvil" });
  try {
    const t0 = performance.now();
    const session = await openReplicaSession(chain, campaignScenario());
    const deployMs = performance.now() - t0;
    const [commands] = fc.sample(fc.commands(campaignCommands(6, 2, 4), { maxCommands: 1200, size: "max" }), {
      seed: 14,
      numRuns: 1,
    });
    const { real, model } = await openCampaign(chain, session.replica, { users: 6, liquidators: 2 });
    const t1 = performance.now();
    await fc.asyncModelRun(() => ({ model, real }), commands!);
    const runMs = performance.now() - t1;
    const steps = model.stats.steps;
    return {
      deployAndSeedMs: Math.round(deployMs),
      steps,
      liquidationCalls: model.stats.liquidations.sent,
      liquidated: model.stats.liquidations.succeeded,
      runMs: Math.round(runMs),
      stepsPerSecond: Math.round((steps / runMs) * 1000),
      msPerStep: Math.round((runMs / steps) * 100) / 100,
    };
  } finally {
    await chain.stop();
  }
}
