import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { percentile } from "./percentile";

const run = promisify(execFile);
const WRK = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => fs.existsSync(p)) ?? null;

export interface Throughput {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  client: string;
}

/**
 * As many POSTs as `connections` keep-alive connections can carry for `seconds`: wrk (written in C, one
 * thread) when installed, so the client is not the bottleneck; the Node client otherwise.
 */
export async function uncapped(url: string, connections: number, seconds: number, body: string): Promise<Throughput> {
  if (WRK) return wrk(url, connections, seconds, body);
  const client = path.join(import.meta.dirname, "..", "load-client.ts");
  const { stdout } = await run(process.execPath, ["--import", "tsx", client, url, String(connections), String(seconds), body], { maxBuffer: 256 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { count: number; errors: number; seconds: number; latenciesMs: number[] };
  const sorted = r.latenciesMs.sort((a, b) => a - b);
  return { requestsPerSecond: r.count / r.seconds, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), errors: r.errors, client: "node" };
}

async function wrk(url: string, connections: number, seconds: number, body: string): Promise<Throughput> {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ebb-bench-wrk-")), "post.lua");
  fs.writeFileSync(script, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "application/json"\n`);
  const { stdout } = await run(WRK!, ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url]);
  fs.rmSync(path.dirname(script), { recursive: true, force: true });
  const duration = (label: string) => {
    const match = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s)\\s*$`, "m").exec(stdout);
    if (!match) throw new Error(`wrk printed no ${label} latency:\n${stdout}`);
    return Number(match[1]) * { us: 0.001, ms: 1, s: 1000 }[match[2] as "us" | "ms" | "s"];
  };
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  return {
    requestsPerSecond: Number(rate?.[1] ?? NaN),
    p50Ms: duration("50%"),
    p99Ms: duration("99%"),
    errors: Number(non2xx?.[1] ?? 0) + (socketErrors ? socketErrors.slice(1).reduce((n, x) => n + Number(x), 0) : 0),
    client: "wrk",
  };
}
