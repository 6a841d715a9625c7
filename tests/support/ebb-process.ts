import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/providers/local/process";

export interface EbbProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, as an operator stops it; resolves on exit. */
  stop(): Promise<void>;
}

/**
 * A real Ebb process (server.ts, as `npm start` runs it after its build) on the test's PostgreSQL, with
 * the roles that need no console build: it serves endpoints and may lead.
 */
export async function startEbb(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<EbbProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ebb-cluster-${name}-`));
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      EBB_DATA_DIR: dataDir,
      EBB_ROLE: "gateway,controller",
      EBB_GATEWAY_PROCESSES: "0",
      EBB_DRAIN_SECONDS: "5",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Ebb ${name} exited at start:\n${output}`);
    const answered = await fetch(`${url}/e/`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`Ebb ${name} did not listen within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
