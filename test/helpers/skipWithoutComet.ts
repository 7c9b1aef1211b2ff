import { ensureCometBuild } from "../../src/build/ensureCometBuild.js";

/**
 * Builds Comet from its pinned source (cached after the first time), or skips the test or suite, saying why
 * and how to fetch it, when the source cannot be had here.
 *
 * @param context - the mocha context of the test or hook.
 */
export async function skipWithoutComet(context: Mocha.Context): Promise<void> {
  const build = await ensureCometBuild();
  if (build.ok) return;
  console.log(`      (skipped: ${build.reason})`);
  context.skip();
}
