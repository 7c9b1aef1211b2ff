import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { execa } from "execa";
import { redactUrl } from "../chain/redactUrl.js";
import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";
import { COMET_SOURCE, COMET_SOURCE_ENV, cometCheckoutDir } from "./cometSource.js";

/**
 * Where the fetch clones from: `DLCM_COMET_SOURCE` (a local checkout or mirror, or a git URL) or upstream.
 * A local path is shown as is; a URL only without its credentials.
 */
export function cometSourceOrigin(env: NodeJS.ProcessEnv = process.env): { from: string; shown: string } {
  const given = env[COMET_SOURCE_ENV];
  if (!given) return { from: COMET_SOURCE.repository, shown: COMET_SOURCE.repository };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(given) || /^[^/]+@[^/]+:/.test(given))
    return { from: given, shown: `${COMET_SOURCE_ENV} (${redactUrl(given)})` };
  const path = isAbsolute(given) ? given : resolve(given);
  if (!existsSync(path))
    throw new ProtocolSourceError(`${COMET_SOURCE_ENV} is ${path}, which does not exist.`, {
      metaMessages: ["Point it at a git checkout or mirror of compound-finance/comet, or unset it."],
    });
  return { from: path, shown: `${COMET_SOURCE_ENV} (${path})` };
}

/** Whether the pinned checkout is in the cache (verified when it was made). */
export function hasCometSource(): boolean {
  return existsSync(resolve(cometCheckoutDir(), "contracts", "Comet.sol"));
}

/**
 * Makes sure the cache holds compound-finance/comet at the pinned commit: clones it (from
 * `DLCM_COMET_SOURCE` when set, else upstream) into a temporary directory, checks out the pinned commit,
 * checks that HEAD is that commit, and only then moves it into place. An existing checkout is re-verified.
 *
 * @param parameters - progress lines.
 * @returns the checkout's directory.
 * @throws {ProtocolSourceError} when git is missing, the clone fails, or the commit is not there.
 */
export async function fetchCometSource(
  parameters: { onProgress?: (line: string) => void } = {},
): Promise<string> {
  const say = parameters.onProgress ?? (() => {});
  const dir = cometCheckoutDir();
  if (hasCometSource()) {
    await verifyCommit(dir);
    say(`Comet source: ${dir} (commit ${COMET_SOURCE.commit.slice(0, 12)}, verified)`);
    return dir;
  }
  const origin = cometSourceOrigin();
  say(`Comet source: cloning ${origin.shown} at ${COMET_SOURCE.commit.slice(0, 12)} …`);
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  try {
    await git(["clone", "--quiet", "--no-checkout", origin.from, tmp], origin.shown);
    await git(["-C", tmp, "checkout", "--quiet", "--detach", COMET_SOURCE.commit], origin.shown);
    await verifyCommit(tmp);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  say(`Comet source: ${dir}`);
  return dir;
}

async function verifyCommit(dir: string): Promise<void> {
  const head = (await git(["-C", dir, "rev-parse", "HEAD"], dir)).trim();
  if (head !== COMET_SOURCE.commit)
    throw new ProtocolSourceError(
      `The Comet checkout in ${dir} is at ${head}, not the pinned ${COMET_SOURCE.commit}.`,
      {
        metaMessages: [`Delete ${dir} and run: npm run protocols:fetch`],
      },
    );
}

async function git(args: string[], shown: string): Promise<string> {
  try {
    const result = await execa("git", args, { env: { GIT_TERMINAL_PROMPT: "0" }, timeout: 300_000 });
    return result.stdout;
  } catch (cause) {
    const error = cause as { code?: string; stderr?: string };
    if (error.code === "ENOENT")
      throw new ProtocolSourceError("git is not installed; it is needed to fetch Comet's source.", {
        metaMessages: ["Install it (Debian: apt-get install git)."],
      });
    const stderr = (error.stderr ?? "").split("\n").filter(Boolean).slice(-2).join(" ");
    throw new ProtocolSourceError(`git ${args[0] === "-C" ? args[2] : args[0]} failed for ${shown}.`, {
      metaMessages: [
        // git echoes the URL it was given: never print one (it may carry credentials).
        stderr.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>"),
        `Set ${COMET_SOURCE_ENV} to a local checkout or mirror of compound-finance/comet that has commit ${COMET_SOURCE.commit}.`,
      ],
    });
  }
}
