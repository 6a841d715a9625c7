/**
 * `npm test`: type-check, lint, unit and database tests (vitest), then end-to-end tests in a real
 * browser (Playwright). Stops at the first failing step. Under CI=true nothing is skipped: a missing
 * browser or database fails the run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const bin = (name: string) => path.join("node_modules", ".bin", name);
const ci = process.env.CI === "true";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const steps: Array<{ name: string; command: string; args: string[]; skip?: string }> = [
  { name: "type-check", command: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", command: bin("eslint"), args: ["."] },
  { name: "unit and database tests", command: bin("vitest"), args: ["run"] },
  {
    name: "end-to-end tests",
    command: bin("playwright"),
    args: ["test"],
    skip: !ci && !fs.existsSync(chromium) ? `no browser at ${chromium} (apt-get install -y chromium)` : undefined,
  },
];

if (!process.env.TEST_DATABASE_URL && !ci) {
  console.log("note: TEST_DATABASE_URL is not set, so the database tests run on PGlite only.");
}

for (const step of steps) {
  if (step.skip) {
    console.log(`\n=== ${step.name}: SKIPPED, ${step.skip}`);
    continue;
  }
  console.log(`\n=== ${step.name}`);
  const started = Date.now();
  const result = spawnSync(step.command, step.args, { stdio: "inherit", env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n=== ${step.name} FAILED after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${step.name} passed in ${seconds}s`);
}
