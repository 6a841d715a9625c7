/**
 * `npm start`: builds the console when there is no build, or when a source file is newer than the
 * build, then starts the Ebb process in production mode.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isAlive } from "../lib/process-alive";

const SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];
const BUILD_ID = path.join(".next", "BUILD_ID");

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIsCurrent(): boolean {
  if (!fs.existsSync(BUILD_ID)) return false;
  const built = fs.statSync(BUILD_ID).mtimeMs;
  return SOURCES.every((entry) => newestMtime(entry) <= built);
}

// Next.js would otherwise ask to send usage data; a console on a closed network has nowhere to send it.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

/**
 * Two starts from one folder at once (two instances, or tests with two servers) must not both build:
 * the first takes the lock and builds, the other waits and then finds the build current.
 */
async function withBuildLock(build: () => void): Promise<void> {
  const lock = path.join(process.cwd(), ".next-build.lock");
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch {
      const holder = Number(fs.readFileSync(lock, "utf8"));
      if (!holder || !isAlive(holder)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    build();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

await withBuildLock(() => {
  if (buildIsCurrent()) return;
  console.log("ebb: building the console (first start or changed sources)…");
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
});

Object.assign(process.env, { NODE_ENV: "production" });
await import("../server");
