import { createRequire } from "node:module";
import { ProtocolSourceError } from "../errors/ProtocolSourceError.js";

const require = createRequire(import.meta.url);

/** solc-js as a pinned source's build calls it. */
export type Solc = {
  version(): string;
  compile(input: string, options: { import(path: string): { contents: string } | { error: string } }): string;
};

/**
 * The exact-pinned, aliased solc-js package a pinned source is built with, checked to be that version.
 *
 * @param compiler - the version and the aliased package (e.g. 0.8.27 from `solc-0.8.27`).
 * @returns the compiler.
 * @throws {ProtocolSourceError} when the package is another version.
 */
export function loadSolc(compiler: { version: string; solcPackage: string }): Solc {
  const solc = require(compiler.solcPackage) as Solc;
  if (!solc.version().startsWith(`${compiler.version}+`))
    throw new ProtocolSourceError(
      `${compiler.solcPackage} is solc ${solc.version()}, not ${compiler.version}.`,
      {
        metaMessages: ["Reinstall dependencies: npx -y -p node@22 -- npm ci"],
      },
    );
  return solc;
}
