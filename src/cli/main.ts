import { secretRegistry } from "../chain/secretRegistry.js";
import { createProgram } from "./createProgram.js";
import { formatCliError } from "./formatCliError.js";
import { guardOutput } from "./guardOutput.js";
import { terminal } from "./terminal.js";

guardOutput();
const argv = process.argv.slice(2);
// A URL on the command line is registered before anything could echo it (an error about the option itself).
argv.forEach((arg, i) => {
  if (arg === "--fork-url" && argv[i + 1]) secretRegistry.addUrl(argv[i + 1]!);
  else if (arg.startsWith("--fork-url=")) secretRegistry.addUrl(arg.slice("--fork-url=".length));
});
const debug = argv.includes("--debug");
const program = createProgram((code) => {
  process.exitCode = code;
});
program.hook("preAction", (root) => {
  const o = root.opts();
  terminal.configure({ progress: o.progress, json: o.json });
});
try {
  if (argv.length === 0) {
    program.outputHelp();
    process.exitCode = 2;
  } else await program.parseAsync(argv, { from: "user" });
} catch (error) {
  const { text, exitCode } = formatCliError(error, debug);
  process.exitCode = exitCode;
  if (text) process.stderr.write(`\n${text}\n`);
}
