import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// A third install on its own port and data folder, started the way the README says: `npm start`.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
const url = `http://localhost:${PORT}`;

function npmStart(dataDir: string, port: number): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = "";
  const child = spawn("npm", ["start"], {
    env: { ...process.env, PORT: String(port), EBB_DATA_DIR: dataDir, DATABASE_URL: "", EBB_SIGNUP: "open" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function serving(): Promise<boolean> {
  try {
    return (await fetch(`${url}/ping`)).ok;
  } catch {
    return false;
  }
}

test("npm start refuses a second process on its data folder, and SIGTERM to npm stops Ebb", async () => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-e2e-process-"));
  const first = npmStart(dataDir, PORT);
  try {
    await expect.poll(serving, { timeout: 120_000, intervals: [500] }).toBe(true);

    // The same folder, another port: refused before it opens the database, saying why.
    const second = npmStart(dataDir, PORT + 1);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/ebb: the data folder .* is in use by another Ebb process \(pid \d+\)/);
    expect(await serving()).toBe(true);

    // As a service manager or a terminal stops it: SIGTERM to npm, and everything under it stops.
    first.child.kill("SIGTERM");
    expect(await first.exited).not.toBeNull();
    await expect.poll(serving, { timeout: 30_000 }).toBe(false);
    expect(first.output()).toContain("ebb: SIGTERM, shutting down");
    expect(fs.existsSync(path.join(dataDir, "ebb.pid"))).toBe(false);
  } finally {
    first.child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
