import { stopReplicas } from "../src/testing/replicaFixture.js";

// Root-level hook: every chain started by a shared fixture stops when the run ends, pass or fail.
after(async () => {
  await stopReplicas();
});
