import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { execa } from "execa";
import { createPublicClient, http } from "viem";
import { getFreePort } from "../../src/chain/getFreePort.js";
import { isAlive } from "../../src/testing/isAlive.js";
import { startServe } from "../../src/testing/startServe.js";

// Issue 17: a dlcm killed with SIGKILL (the OOM killer, `timeout -s KILL`) left its anvil running.
describe("anvil never outlives dlcm", function () {
  this.timeout(120_000);

  it("behavior: after `kill -9` of dlcm serve, its anvil stops within seconds and the port closes", async () => {
    const port = await getFreePort();
    const out = join(mkdtempSync(join(tmpdir(), "dlcm-kill-")), "addresses.json");
    const { serve } = await startServe([
      "scenarios/quiet-market-control.json",
      "--port",
      String(port),
      "--addresses-out",
      out,
    ]);
    const client = createPublicClient({ transport: http(`http://127.0.0.1:${port}`) });
    expect(await client.getChainId()).to.equal(31_337); // the replica's anvil answers
    // anvil's pid: the process listening on the port, a grandchild of dlcm (through the watchdog shell).
    const { stdout } = await execa("sh", ["-c", `pgrep -f "anvil.*--port ${port}" | head -1`]);
    const anvilPid = Number(stdout.trim());
    expect(anvilPid).to.be.greaterThan(0);
    serve.kill("SIGKILL");
    await serve;
    const deadline = Date.now() + 10_000;
    while (isAlive(anvilPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(isAlive(anvilPid), "anvil still running 10 s after dlcm was killed").to.equal(false);
    // The port closes too (polled to the same deadline: the node's last socket can outlive its pid's check).
    let answered = true;
    while (answered && Date.now() < deadline + 5_000) {
      await client.getChainId().then(
        () => new Promise((r) => setTimeout(r, 200)),
        () => {
          answered = false;
        },
      );
    }
    expect(answered, "the port still answers").to.equal(false);
  });
});
