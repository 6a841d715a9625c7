import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The benches' replicas as an operator's runtimes (`bench-NAME`, upstream-server.mjs answering after
 * `delayMs`), in a folder the replica user may read. Returns the catalog file for EBB_RUNTIMES_FILE.
 */
export function benchRuntimesFile(upstreams: { name: string; delayMs: number }[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-bench-runtimes-"));
  fs.chmodSync(dir, 0o755);
  const server = path.join(dir, "upstream-server.mjs");
  fs.copyFileSync(path.join(import.meta.dirname, "upstream-server.mjs"), server);
  fs.chmodSync(server, 0o644);
  const runtimes = upstreams.map((u) => ({ name: `bench-${u.name}`, command: ["node", server, "$PORT"], env: { DELAY_MS: String(u.delayMs) } }));
  const file = path.join(dir, "ebb.config.json");
  fs.writeFileSync(file, JSON.stringify({ runtimes }));
  return file;
}
