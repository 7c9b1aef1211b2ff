// npm run protocols:fetch — the pinned git sources into the cache, then their builds: Comet
// (src/build/cometSource.ts), Aave v3.7 (src/build/aaveV37Source.ts), Morpho's AdaptiveCurveIrm
// (src/build/morphoIrmSource.ts) and MorphoChainlinkOracleV2 (src/build/morphoOracleSource.ts).
import { AAVE_V37_SOURCE } from "../src/build/aaveV37Source.js";
import { compileAaveV37, hasAaveV37Artifacts } from "../src/build/compileAaveV37.js";
import { compileComet, hasCometArtifacts } from "../src/build/compileComet.js";
import { compilePinnedSource, hasPinnedArtifacts } from "../src/build/compilePinnedSource.js";
import { fetchCometSource } from "../src/build/fetchCometSource.js";
import { fetchPinnedSource } from "../src/build/fetchPinnedSource.js";
import { MORPHO_IRM_SOURCE } from "../src/build/morphoIrmSource.js";
import { MORPHO_ORACLE_SOURCE } from "../src/build/morphoOracleSource.js";
import { BaseError } from "../src/errors/BaseError.js";

const say = (line: string) => console.log(line);
try {
  await fetchCometSource({ onProgress: say });
  if (hasCometArtifacts() && !process.argv.includes("--rebuild"))
    say("Comet: artifacts already built (--rebuild to rebuild).");
  else compileComet({ onProgress: say });
  await fetchPinnedSource(AAVE_V37_SOURCE.pinned, { onProgress: say });
  if (hasAaveV37Artifacts() && !process.argv.includes("--rebuild"))
    say("Aave v3.7: artifacts already built (--rebuild to rebuild).");
  else compileAaveV37({ onProgress: say });
  for (const build of [MORPHO_IRM_SOURCE, MORPHO_ORACLE_SOURCE]) {
    await fetchPinnedSource(build.pinned, { onProgress: say });
    if (hasPinnedArtifacts(build) && !process.argv.includes("--rebuild"))
      say(`${build.pinned.label}: artifacts already built (--rebuild to rebuild).`);
    else compilePinnedSource(build, { onProgress: say });
  }
} catch (error) {
  if (!(error instanceof BaseError)) throw error;
  console.error(error.message);
  process.exit(1);
}
