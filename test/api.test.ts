import { expect } from "chai";
import * as dlcm from "../src/index.js";

// The README's library example, through the package's entry point.
describe("package entry point", () => {
  it("default: the README example runs — the default crash liquidates, and a WETH sale pays the textbook single-range amount", async () => {
    const scenario = await dlcm.loadScenario("scenarios/eth-crash-40pct-15m.json");
    const report = dlcm.runModel(scenario, { skipSsf: true });
    expect(report.totals.valueLiquidatedUsd).to.be.greaterThan(0);
    expect(report.thresholds.gammaNeutralityPrice).to.be.a("number");
    const sqrtPriceX96 = dlcm.TickMath.getSqrtRatioAtTick(-200_000);
    const pool = {
      feePips: 500,
      tickSpacing: 10,
      sqrtPriceX96,
      tick: -200_000,
      liquidity: 10n ** 18n,
      ticks: [
        { index: -887_270, liquidityNet: 10n ** 18n },
        { index: 887_270, liquidityNet: -(10n ** 18n) },
      ],
    };
    const { amount1 } = dlcm.swap(pool, { zeroForOne: true, amountSpecified: 10n ** 18n });
    // One range: √P' = L·√P / (L + x·√P) with x = 1e18·(1 − 0.05%); out = L·(√P − √P').
    const s = Number(sqrtPriceX96) / 2 ** 96;
    const x = 1e18 * (1 - 0.0005);
    const expected = 1e18 * (s - (1e18 * s) / (1e18 + x * s));
    expect(Number(-amount1)).to.be.closeTo(expected, expected * 1e-9);
  });
  it("behavior: the functions the README lists are exported", () => {
    for (const name of [
      "runCascade",
      "buildCascadeState",
      "calculateUserAccountData",
      "executeLiquidationCall",
      "estimateLiquidation",
      "absorb",
      "buyCollateral",
      "quoteCollateral",
      "isLiquidatable",
      "swapOutputUpperBound",
      "blackScholes",
      "bookGreeks",
      "gammaNeutralityPrice",
      "liquidityAbsorptionCapacity",
      "collateralHaircutBreakpoint",
      "systemicSolvencyFailure",
      "hedgeCrossoverPrice",
      "parseScenario",
    ])
      expect(dlcm[name as keyof typeof dlcm], name).to.be.a("function");
    for (const name of [
      "SqrtPriceMath",
      "SwapMath",
      "UniswapV2Library",
      "WadRayMath",
      "PercentageMath",
      "TickMath",
    ])
      expect(typeof dlcm[name as keyof typeof dlcm], name).to.equal("object");
  });
});

// Issue 17: the package shipped TypeScript only. Built to JavaScript with declarations, it must be usable
// from another project with plain Node and from another TypeScript set-up.
describe("the built package, from a scratch project", function () {
  this.timeout(180_000);

  it("default: plain node imports it by name and runs the model; tsc typechecks a consumer against its declarations", async () => {
    const { execa } = await import("execa");
    const { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, copyFileSync, cpSync } = await import(
      "node:fs"
    );
    const { tmpdir } = await import("node:os");
    const { join, resolve } = await import("node:path");
    const root = resolve(".");
    const work = mkdtempSync(join(tmpdir(), "dlcm-consumer-"));
    // The package as npm would install it: package.json, dist/ built now from src/, its scenarios.
    const pkg = join(work, "dlcm");
    mkdirSync(pkg);
    copyFileSync(join(root, "package.json"), join(pkg, "package.json"));
    cpSync(join(root, "scenarios"), join(pkg, "scenarios"), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"));
    await execa(join(root, "node_modules/.bin/tsc"), [
      "-p",
      join(root, "tsconfig.build.json"),
      "--outDir",
      join(pkg, "dist"),
    ]);
    const app = join(work, "app");
    mkdirSync(join(app, "node_modules", "@types"), { recursive: true });
    symlinkSync(pkg, join(app, "node_modules", "dlcm"));
    symlinkSync(join(root, "node_modules/@types/node"), join(app, "node_modules/@types/node"));
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", type: "module", private: true }));
    writeFileSync(
      join(app, "run.mjs"),
      `import { loadScenario, runModel, ReserveConfiguration, createChain, readCascadeState } from "dlcm";
const scenario = await loadScenario(${JSON.stringify(join(pkg, "scenarios/quiet-market-control.json"))});
const report = runModel(scenario, { skipSsf: true });
console.log(JSON.stringify({ liquidations: report.totals.liquidations, stop: report.stopReason,
  ltv: String(ReserveConfiguration.getLtv(8000n)), chain: typeof createChain, read: typeof readCascadeState }));
`,
    );
    const run = await execa(process.execPath, ["run.mjs"], { cwd: app });
    // The quiet control liquidates nothing and reaches a fixed point; an LTV of 80.00% is the low 16 bits.
    expect(JSON.parse(run.stdout)).to.deep.equal({
      liquidations: 0,
      stop: "fixed-point",
      ltv: "8000",
      chain: "function",
      read: "function",
    });
    writeFileSync(
      join(app, "consumer.ts"),
      `import { type CascadeState, type Chain, type ModelReport, runModel, parseScenario } from "dlcm";
export const total = (r: ModelReport): number => r.totals.badDebtUsd;
export const blocks = (s: CascadeState): number => s.blockTimeSeconds;
export type Uses = Chain;
export const wrong: number = runModel(parseScenario({}), {}).stopReason;
`,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2023",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
        },
        files: ["consumer.ts"],
      }),
    );
    const tsc = await execa(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], {
      cwd: app,
      reject: false,
    });
    // Types resolve from dist/index.d.ts: the only error is the deliberate one (a stop reason is not a number).
    expect(tsc.stdout.match(/error TS\d+/g), tsc.stdout).to.have.length(1);
    expect(tsc.stdout).to.match(
      /consumer\.ts\(5,14\): error TS2322: Type '.*' is not assignable to type 'number'/,
    );
  });
});
