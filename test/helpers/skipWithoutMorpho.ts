import { ensurePinnedBuild } from "../../src/build/ensurePinnedBuild.js";
import { MORPHO_IRM_SOURCE } from "../../src/build/morphoIrmSource.js";
import { MORPHO_ORACLE_SOURCE } from "../../src/build/morphoOracleSource.js";

/**
 * Builds Morpho's AdaptiveCurveIrm and MorphoChainlinkOracleV2 from their pinned sources (cached after the
 * first time), or skips the test or suite, saying why and how to fetch them, when a source cannot be had here.
 */
export async function skipWithoutMorpho(context: Mocha.Context): Promise<void> {
  for (const build of [MORPHO_IRM_SOURCE, MORPHO_ORACLE_SOURCE]) {
    const ready = await ensurePinnedBuild(build);
    if (ready.ok) continue;
    console.log(`      (skipped: ${ready.reason})`);
    context.skip();
  }
}
