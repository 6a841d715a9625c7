import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "@/lib/providers/local/process";

export interface RunningNodeProxy {
  /** http://127.0.0.1:PORT/{upstream name}/… reaches that upstream. */
  base: string;
  pids(): number[];
  stop(): Promise<void>;
}

/** The bare Node.js proxy (node-proxy.mjs) with as many processes as Ebb has gateway processes. */
export async function startNodeProxy(upstreams: { name: string; url: string }[], processes: number): Promise<RunningNodeProxy> {
  const port = await freePort();
  const script = path.join(import.meta.dirname, "node-proxy.mjs");
  const child = spawn(process.execPath, [script, String(port), String(Math.max(1, processes)), ...upstreams.map((u) => `${u.name}=${u.url}`)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the bare Node proxy exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pids: () => [child.pid!],
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
