import { readFileSync } from "node:fs";
import { parseScenario } from "./src/model/scenario/parseScenario.js";
import { buildCascadeState } from "./src/model/cascade/buildCascadeState.js";
import { runCascade } from "./src/model/cascade/runCascade.js";
import { shockMultipliers } from "./src/model/cascade/shockPath.js";
const file = process.argv[2]!; const a = Number(process.argv[3]); const b = Number(process.argv[4]); const step = Number(process.argv[5]);
const s = parseScenario(JSON.parse(readFileSync(file,"utf8")));
const st = buildCascadeState(s);
let line = ""; let prev = "";
const t = performance.now();
for (let k = Math.round(a/step); k <= Math.round(b/step); k++) {
  const d = k * step;
  const r = runCascade(st, { shock: shockMultipliers(s.shock, s.blockTimeSeconds, d), maxBlocks: s.maxBlocks, seed: s.seed, recordEvents: false });
  const f = Object.entries(r.totals.badDebtByProtocol).filter(([, l]) => l.totalUsd > l.insuranceFundUsd).map(([id]) => id).join("+") || ".";
  if (f !== prev) { line += ` ${d.toFixed(4)}→${f}`; prev = f; }
}
console.log(line);
console.log("ms", performance.now() - t);
