import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { execa } from "execa";
import { getFreePort } from "../../src/chain/getFreePort.js";
import { secretRegistry } from "../../src/chain/secretRegistry.js";
import { secretsOfUrl } from "../../src/chain/secretsOfUrl.js";

const SCENARIO = "scenarios/eth-crash-40pct-15m.json";
// A key shaped like a provider's (mixed case and digits), and a second one for query values.
const KEY = "Zq7hT2xWmK9pLr4s";
const KEY2 = "aB3dE5fG7hJ9kL1m";

function dlcm(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, ["bin/dlcm.js", ...args], {
    reject: false,
    all: true,
    env,
  });
}

describe("secretsOfUrl", () => {
  it("default: user info, path segments and query values; not version words", () => {
    const parts = secretsOfUrl(`https://bob:${KEY2}@eth.example.com/v2/${KEY}?apikey=${KEY2}x`);
    expect(parts).to.include.members([KEY, KEY2, `${KEY2}x`]);
    expect(parts).to.not.include("v2");
    expect(parts).to.not.include("bob"); // shorter than 4: too common to scrub
  });
  it("behavior: a generated host label is secret, a provider's name is not", () => {
    const parts = secretsOfUrl("https://frosty-1a2b3c4d5e6f.quiknode.pro/");
    expect(parts).to.include("frosty-1a2b3c4d5e6f");
    expect(parts).to.not.include("quiknode");
  });
  it("behavior: percent-encoded parts are registered decoded too", () => {
    expect(secretsOfUrl("http://127.0.0.1:8545/k%40y-secret")).to.include.members([
      "k%40y-secret",
      "k@y-secret",
    ]);
  });
  it("behavior: redaction ignores case and keeps the rest of the line", () => {
    secretRegistry.clear();
    secretRegistry.addUrl(`https://eth.example.com/v2/${KEY}`);
    expect(secretRegistry.redact(`url (http://eth.example.com/v2/${KEY.toUpperCase()}) failed`)).to.equal(
      "url (http://eth.example.com/v2/***) failed",
    );
    secretRegistry.clear();
  });
});

// Each form below leaked before (issue 17): anvil rewrites the URL in its error (drops user:pass@ and
// default ports, lowercases scheme and host), so redacting the URL as given missed it. Through the real
// CLI: nothing printed or written may contain the key in any case, and anvil's own error line must be
// there (redacted), so each case really went through the echo.
describe("dlcm run --fork-url: no part of the key is ever printed or written", function () {
  this.timeout(120_000);
  let closedPort: number;
  before(async () => {
    closedPort = await getFreePort(); // nothing listens there: anvil fails to fork and echoes the URL
  });

  const forms: Array<[string, (port: number) => { args: string[]; env?: Record<string, string> }]> = [
    [
      "user info and a path key",
      (p) => ({ args: ["--fork-url", `http://user:${KEY}@127.0.0.1:${p}/v2/${KEY}`] }),
    ],
    ["upper-case scheme and host", (p) => ({ args: ["--fork-url", `HTTP://LOCALHOST:${p}/v2/${KEY}`] })],
    ["a query value", (p) => ({ args: ["--fork-url", `http://127.0.0.1:${p}/rpc?apikey=${KEY2}`] })],
    [
      "https on port 443 (dropped by anvil)",
      () => ({ args: ["--fork-url", `https://127.0.0.1:443/v2/${KEY}`] }),
    ],
    ["http on port 80 (dropped by anvil)", () => ({ args: ["--fork-url", `http://127.0.0.1:80/v2/${KEY}`] })],
    [
      "MAINNET_RPC_URL with --fork",
      (p) => ({ args: ["--fork"], env: { MAINNET_RPC_URL: `HTTP://LOCALHOST:${p}/v2/${KEY}` } }),
    ],
  ];
  for (const [name, form] of forms)
    it(`behavior: ${name}`, async () => {
      const out = mkdtempSync(join(tmpdir(), "dlcm-secret-"));
      const { args, env } = form(closedPort);
      const run = await dlcm(["run", SCENARIO, ...args, "--out", out], env);
      expect(run.exitCode, run.all).to.equal(1);
      expect(run.all).to.match(/error sending request for url/);
      const written = [
        run.all ?? "",
        readFileSync(join(out, "report.json"), "utf8"),
        readFileSync(join(out, "report.md"), "utf8"),
        readFileSync(join(out, "report.html"), "utf8"),
      ];
      for (const text of written) {
        expect(text.toLowerCase()).to.not.include(KEY.toLowerCase());
        expect(text.toLowerCase()).to.not.include(KEY2.toLowerCase());
      }
      expect(written[1]).to.include("***"); // the report kept anvil's error, redacted
    });

  it("error: a --fork-url that is not a URL is refused before anvil sees it, without echoing it", async () => {
    const run = await dlcm(["run", SCENARIO, "--fork-url", `notaurl${KEY}`]);
    expect(run.exitCode).to.equal(2);
    expect(run.all).to.match(/--fork-url is not an RPC URL/);
    expect(run.all).to.not.include(KEY);
  });
});
