import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { percentile } from "./percentile";

const run = promisify(execFile);

export interface OpenLoop {
  count: number;
  errors: number;
  firstByteMs: number[];
  totalMs: number[];
}

/**
 * `rate` POSTs of `body` a second to `url` for `seconds`, after `warmupSeconds` of the same load not
 * counted (see open-loop-client.ts), from a process of its own.
 */
export async function openLoop(url: string, rate: number, seconds: number, body: string, warmupSeconds = 1): Promise<OpenLoop> {
  const client = path.join(import.meta.dirname, "..", "open-loop-client.ts");
  const args = ["--import", "tsx", client, url, String(rate), String(seconds), body, String(warmupSeconds)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as OpenLoop;
}

export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? NaN };
}
