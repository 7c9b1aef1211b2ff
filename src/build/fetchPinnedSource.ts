import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { execa } from "execa";
import { redactUrl } from "../chain/redactUrl.js";
import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";
import { dlcmCacheDir } from "./cometSource.js";

/** A protocol not on npm: a pinned commit of its git repository, fetched into DLCM's cache. */
export type PinnedSource = {
  /** Shown in progress and errors, e.g. "Comet". */
  label: string;
  /** Upstream, e.g. "compound-finance/comet" at https://github.com/compound-finance/comet.git. */
  repository: string;
  commit: string;
  /** The environment variable that points the fetch at a local checkout, a mirror or another URL. */
  env: string;
  /** The checkout's directory name prefix in the cache (the commit's first 12 digits follow). */
  name: string;
  /** A file whose presence says the checkout is there, relative to it. */
  marker: string;
};

/** Where a pinned checkout lives in the cache. */
export function pinnedCheckoutDir(source: PinnedSource): string {
  return join(dlcmCacheDir(), "sources", `${source.name}-${source.commit.slice(0, 12)}`);
}

/** Whether the pinned checkout is in the cache (verified when it was made). */
export function hasPinnedSource(source: PinnedSource): boolean {
  return existsSync(resolve(pinnedCheckoutDir(source), source.marker));
}

/**
 * Where the fetch clones from: the source's environment variable (a local checkout or mirror, or a git
 * URL) or upstream. A local path is shown as is; a URL only without its credentials.
 *
 * @throws {ProtocolSourceError} when the variable names a path that does not exist.
 */
export function pinnedSourceOrigin(
  source: PinnedSource,
  env: NodeJS.ProcessEnv = process.env,
): { from: string; shown: string } {
  const given = env[source.env];
  if (!given) return { from: source.repository, shown: source.repository };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(given) || /^[^/]+@[^/]+:/.test(given))
    return { from: given, shown: `${source.env} (${redactUrl(given)})` };
  const path = isAbsolute(given) ? given : resolve(given);
  if (!existsSync(path))
    throw new ProtocolSourceError(`${source.env} is ${path}, which does not exist.`, {
      metaMessages: [`Point it at a git checkout or mirror of ${source.repository}, or unset it.`],
    });
  return { from: path, shown: `${source.env} (${path})` };
}

/**
 * Makes sure the cache holds the source at its pinned commit: clones it (from the source's environment
 * variable when set, else upstream) into a temporary directory, checks out the commit, checks that HEAD is
 * that commit, and only then moves it into place. An existing checkout is re-verified.
 *
 * @param source - what to fetch.
 * @param parameters - progress lines.
 * @returns the checkout's directory.
 * @throws {ProtocolSourceError} when git is missing, the clone fails, or the commit is not there.
 */
export async function fetchPinnedSource(
  source: PinnedSource,
  parameters: { onProgress?: (line: string) => void } = {},
): Promise<string> {
  const say = parameters.onProgress ?? (() => {});
  const dir = pinnedCheckoutDir(source);
  const short = source.commit.slice(0, 12);
  if (hasPinnedSource(source)) {
    await verifyCommit(source, dir);
    say(`${source.label} source: ${dir} (commit ${short}, verified)`);
    return dir;
  }
  const origin = pinnedSourceOrigin(source);
  say(`${source.label} source: cloning ${origin.shown} at ${short} …`);
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  try {
    await git(source, ["clone", "--quiet", "--no-checkout", origin.from, tmp], origin.shown);
    await git(source, ["-C", tmp, "checkout", "--quiet", "--detach", source.commit], origin.shown);
    await verifyCommit(source, tmp);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  say(`${source.label} source: ${dir}`);
  return dir;
}

async function verifyCommit(source: PinnedSource, dir: string): Promise<void> {
  const head = (await git(source, ["-C", dir, "rev-parse", "HEAD"], dir)).trim();
  if (head !== source.commit)
    throw new ProtocolSourceError(
      `The ${source.label} checkout in ${dir} is at ${head}, not the pinned ${source.commit}.`,
      { metaMessages: [`Delete ${dir} and run: npm run protocols:fetch`] },
    );
}

async function git(source: PinnedSource, args: string[], shown: string): Promise<string> {
  try {
    const result = await execa("git", args, { env: { GIT_TERMINAL_PROMPT: "0" }, timeout: 300_000 });
    return result.stdout;
  } catch (cause) {
    const error = cause as { code?: string; stderr?: string };
    if (error.code === "ENOENT")
      throw new ProtocolSourceError(`git is not installed; it is needed to fetch ${source.label}'s source.`, {
        metaMessages: ["Install it (Debian: apt-get install git)."],
      });
    const stderr = (error.stderr ?? "").split("\n").filter(Boolean).slice(-2).join(" ");
    throw new ProtocolSourceError(`git ${args[0] === "-C" ? args[2] : args[0]} failed for ${shown}.`, {
      metaMessages: [
        // git echoes the URL it was given: never print one (it may carry credentials).
        stderr.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>"),
        `Set ${source.env} to a local checkout or mirror of ${source.repository} that has commit ${source.commit}.`,
      ],
    });
  }
}
