#!/usr/bin/env node
// DLCM's command line. The code is TypeScript run through tsx; Hardhat 3, EDR and execa 10 need
// Node ≥ 22.13, which `npm install` provides as node_modules/.bin/node (the `node` devDependency).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `dlcm needs Node >= 22.13 (this is ${process.version}). Run it through npm (npm start, npm run dlcm -- ...) ` +
      "or npx, which put the project's Node 22 first on PATH.",
  );
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
register();
await import("../src/cli/main.ts");
