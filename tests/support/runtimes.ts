import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { reloadRuntimeCatalog } from "@/lib/runtimes/catalog";

/**
 * An operator's runtime catalog for tests: the probe server (a tenant's server trying what an attacker
 * would), one that writes a line every 50 ms, one whose child outlives it, and one that crashes while it loads. Their files are copied to a folder any user may
 * read, as an operator installs a runtime, since replicas may run as another user than the tests.
 */
export function writeTestRuntimes(extraProbePaths: string[] = []): { file: string; runtimes: object[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-test-runtimes-"));
  fs.chmodSync(dir, 0o755);
  const probe = path.join(dir, "probe-server.mjs");
  fs.copyFileSync(path.join(import.meta.dirname, "runtimes", "probe-server.mjs"), probe);
  fs.chmodSync(probe, 0o644);
  const runtimes = [
    {
      name: "probe",
      description: "Echoes headers and tries to read the console's secrets",
      command: ["node", probe, "$PORT"],
      healthPath: "/health",
      env: { PROBE_PATHS: extraProbePaths.join(","), RUNTIME_OWN_SETTING: "kept" },
      // Its container, for endpoints on the Kubernetes contract server.
      image: "ghcr.io/acme/probe:1.0",
    },
    {
      name: "chatty",
      description: "Serves health checks and writes a numbered line every 50 ms",
      command: [
        "node",
        "-e",
        "let n = 0; setInterval(() => console.log('tick ' + n++), 50); require('http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')",
        "$PORT",
      ],
      healthPath: "/health",
    },
    {
      name: "wrapper",
      description: "Starts a child that outlives it, then dies after a second and a half",
      command: [
        "node",
        "-e",
        "const c = require('child_process').spawn('sleep', ['300'], { stdio: 'ignore' }); console.log('child ' + c.pid); require('http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1'); setTimeout(() => process.exit(1), 1500)",
        "$PORT",
      ],
      healthPath: "/health",
    },
    {
      name: "crashes-loading",
      command: ["node", "-e", "console.log('loading weights for ' + process.argv[1]); console.error('CUDA error: out of memory'); process.exit(3)", "$MODEL", "$PORT"],
    },
  ];
  const file = path.join(dir, "ebb.config.json");
  fs.writeFileSync(file, JSON.stringify({ runtimes }, null, 2));
  return { file, runtimes };
}

/** Points this process at the test catalog. */
export function useTestRuntimes(extraProbePaths: string[] = []): string {
  const { file } = writeTestRuntimes(extraProbePaths);
  process.env.EBB_RUNTIMES_FILE = file;
  reloadRuntimeCatalog();
  return file;
}
