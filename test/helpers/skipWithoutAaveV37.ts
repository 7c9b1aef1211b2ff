import { ensureAaveV37Build } from "../../src/build/ensureAaveV37Build.js";
import { ProtocolSourceError } from "../../src/errors/ProtocolSourceError.js";

/**
 * Builds Aave v3.7 from its pinned source (cached after the first time), or skips the test or suite,
 * saying why, when the source cannot be had here; any other failure is thrown.
 *
 * @param context - the mocha context of the test or hook.
 */
export async function skipWithoutAaveV37(context: Mocha.Context): Promise<void> {
  try {
    await ensureAaveV37Build();
  } catch (error) {
    if (!(error instanceof ProtocolSourceError)) throw error;
    console.log(`      (skipped: ${error.shortMessage})`);
    context.skip();
  }
}
