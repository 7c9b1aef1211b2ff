import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { CommanderError } from "commander";
import { execa } from "execa";
import { getFreePort } from "../../src/chain/getFreePort.js";
import { formatCliError } from "../../src/cli/formatCliError.js";
import { ScenarioLoadError } from "../../src/errors/ScenarioLoadError.js";
import { UsageError } from "../../src/errors/UsageError.js";

const dlcm = (args: string[]) => execa(process.execPath, ["bin/dlcm.js", ...args], { reject: false });
const QUIET = "scenarios/quiet-market-control.json";
// A Node stack frame: what a user must never see for their own mistake.
const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe("dlcm command line", function () {
  this.timeout(60_000);

  it("default: every subcommand has its own --help, exit 0, naming its options", async () => {
    const expected: Record<string, string[]> = {
      model: ["--no-ssf", "--out"],
      run: ["--chain", "--scan", "--ssf-precision", "--fork-url", "--cache"],
      replay: ["--scenario", "--asset"],
      sweep: ["--param"],
      serve: ["--port", "--addresses-out"],
      schema: ["--out"],
    };
    const runs = await Promise.all(Object.keys(expected).map((c) => dlcm([c, "--help"])));
    Object.keys(expected).forEach((command, i) => {
      const r = runs[i]!;
      expect(r.exitCode, command).to.equal(0);
      expect(r.stdout).to.include(`Usage: dlcm ${command}`);
      for (const option of expected[command]!) expect(r.stdout, `${command} ${option}`).to.include(option);
      expect(r.stdout).to.not.match(/issue \d/); // help speaks to users, not to the tracker
    });
  });

  it("error: a mistyped option or command is a usage error (exit 2) with a suggestion, one line, no stack", async () => {
    const [option, command, choice, missing] = await Promise.all([
      dlcm(["model", QUIET, "--outdir", "x"]),
      dlcm(["modle", QUIET]),
      dlcm(["run", QUIET, "--chain", "ganache"]),
      dlcm(["run"]),
    ]);
    for (const r of [option, command, choice, missing]) {
      expect(r.exitCode, r.stderr).to.equal(2);
      expect(r.stderr).to.not.match(STACK);
    }
    expect(option.stderr).to.include("unknown option '--outdir'").and.include("Did you mean --out?");
    expect(command.stderr).to.include("Did you mean model?");
    expect(choice.stderr).to.include("Allowed choices are anvil, edr");
    expect(missing.stderr).to.include("missing required argument 'scenario'");
  });

  it("error: a bad option value names the option and the fix (exit 2)", async () => {
    const [precision, port, block] = await Promise.all([
      dlcm(["run", QUIET, "--ssf-precision", "2"]),
      dlcm(["serve", QUIET, "--port", "99999"]),
      dlcm(["run", QUIET, "--fork-block", "latest"]),
    ]);
    expect(precision.exitCode).to.equal(2);
    expect(precision.stderr).to.include("--ssf-precision").and.include("between 0 and 0.5");
    expect(port.stderr).to.include("--port").and.include("a TCP port");
    expect(block.stderr).to.include("--fork-block").and.include("a block number");
  });

  it("error: --policy on a fork takes fork mode's flags; with --ssf it is refused, saying why (exit 2, nothing started)", async () => {
    const policy = ["--policy", "scenarios/policies/sovereign-risk-dao.json"];
    const scenario = "scenarios/eth-crash-40pct-15m.json";
    const [ssf, badUrl] = await Promise.all([
      dlcm(["run", scenario, ...policy, "--fork-url", "http://127.0.0.1:1", "--ssf"]),
      dlcm(["run", scenario, ...policy, "--fork-url", "not-a-url"]),
    ]);
    expect(ssf.exitCode).to.equal(2);
    expect(ssf.stderr).to.include("--ssf with --policy").and.include("drop --ssf for a fork run");
    expect(badUrl.exitCode).to.equal(2);
    expect(badUrl.stderr).to.include("--fork-url is not an RPC URL");
  });

  it("behavior: --json prints only JSON lines on stdout, progress then one summary", async () => {
    const out = mkdtempSync(join(tmpdir(), "dlcm-json-"));
    const r = await dlcm(["--json", "model", QUIET, "--no-ssf", "--out", out]);
    expect(r.exitCode, r.stderr).to.equal(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.slice(0, -1).every((l) => l.type === "progress")).to.equal(true);
    const summary = lines.at(-1);
    expect(summary).to.include({ type: "summary", command: "model" });
    // The quiet control: a −2% drift liquidates nothing.
    expect(summary.totals.liquidations).to.equal(0);
    expect(summary.report.json).to.equal(join(out, "report.json"));
  });

  it("behavior: progress off a terminal is plain lines (a CI log sees a run move); --progress none silences it", async () => {
    const out = mkdtempSync(join(tmpdir(), "dlcm-progress-"));
    const plain = await dlcm(["model", QUIET, "--no-ssf", "--out", out]);
    const none = await dlcm(["--progress", "none", "model", QUIET, "--no-ssf", "--out", out]);
    expect(plain.stderr).to.match(/^ {2}cascade block 1: price/m);
    expect(plain.stderr).to.not.include("\r");
    expect(none.stderr).to.not.include("cascade block");
    expect(none.stdout).to.equal(plain.stdout); // the summary is the same either way
  });

  it("behavior: a run that fails at chain start writes its report without an empty chart or an empty Timings line", async () => {
    const out = mkdtempSync(join(tmpdir(), "dlcm-failed-"));
    const port = await getFreePort(); // nothing listens: the fork cannot start
    const r = await dlcm(["run", QUIET, "--fork-url", `http://127.0.0.1:${port}`, "--out", out]);
    expect(r.exitCode).to.equal(1);
    expect(readdirSync(out).sort()).to.deep.equal(["report.html", "report.json", "report.md"]);
    // The page says where it stopped and draws no chart it has no data for.
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).to.include("Stopped early");
    expect(html).to.not.include('class="chart"');
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).to.not.match(/Timings \(ms\): *$/m);
    expect(md).to.not.include("chain-price.svg");
  });

  it("error: a DLCM error is its message, exit 1, no stack", async () => {
    const r = await dlcm(["model", "scenarios/no-such-file.json"]);
    expect(r.exitCode).to.equal(1);
    expect(r.stderr).to.include("ScenarioLoadError: Cannot read scenario file scenarios/no-such-file.json");
    expect(r.stderr).to.not.match(STACK);
  });
});

describe("formatCliError", () => {
  it("default: an unexpected error is one line pointing to --debug", () => {
    const f = formatCliError(new TypeError("x is undefined\n  more"), false);
    expect(f).to.deep.equal({
      text: "dlcm: unexpected error: x is undefined (run again with --debug for the stack trace)",
      exitCode: 1,
    });
  });
  it("behavior: --debug shows the stack", () => {
    const error = new TypeError("x is undefined");
    expect(formatCliError(error, true).text).to.include(error.stack!);
  });
  it("behavior: a UsageError exits 2, another DLCM error 1, help 0", () => {
    expect(formatCliError(new UsageError("bad"), false)).to.deep.equal({
      text: "UsageError: bad",
      exitCode: 2,
    });
    expect(formatCliError(new ScenarioLoadError("gone"), false).exitCode).to.equal(1);
    expect(formatCliError(new CommanderError(0, "commander.helpDisplayed", ""), false).exitCode).to.equal(0);
  });
});
