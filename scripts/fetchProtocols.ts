// npm run protocols:fetch — Comet's pinned source into the cache, then its build (src/build/cometSource.ts).
import { compileComet, hasCometArtifacts } from "../src/build/compileComet.js";
import { fetchCometSource } from "../src/build/fetchCometSource.js";
import { BaseError } from "../src/errors/BaseError.js";

const say = (line: string) => console.log(line);
try {
  await fetchCometSource({ onProgress: say });
  if (hasCometArtifacts() && !process.argv.includes("--rebuild"))
    say("Comet: artifacts already built (--rebuild to rebuild).");
  else compileComet({ onProgress: say });
} catch (error) {
  if (!(error instanceof BaseError)) throw error;
  console.error(error.message);
  process.exit(1);
}
