import fs from "node:fs";
import path from "node:path";
import { ensureReplicaRoot } from "./sandbox";

const SOURCE_DIR = path.join(process.cwd(), "lib", "runtime");

let bundled: Promise<string> | null = null;

/**
 * The built-in model server as one JavaScript file with its corpus beside it, in the replica folder: a
 * replica's user may read it there (not the repository, nor the data folder), and it starts without
 * transpiling. Written once per process, through a rename so concurrent starts never see half a file.
 */
export function builtinServerPath(): Promise<string> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = null;
    throw error;
  });
  return bundled;
}

async function bundle(): Promise<string> {
  const { build } = await import("esbuild");
  const dir = path.join(ensureReplicaRoot(), "builtin");
  fs.mkdirSync(path.join(dir, "corpus"), { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, "corpus"), 0o755);
  const suffix = `.${process.pid}.${Date.now()}.tmp`;
  for (const file of fs.readdirSync(path.join(SOURCE_DIR, "corpus"))) {
    const target = path.join(dir, "corpus", file);
    fs.copyFileSync(path.join(SOURCE_DIR, "corpus", file), target + suffix);
    fs.chmodSync(target + suffix, 0o644);
    fs.renameSync(target + suffix, target);
  }
  const outfile = path.join(dir, "model-server.mjs");
  await build({
    entryPoints: [path.join(SOURCE_DIR, "model-server.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: outfile + suffix,
    logLevel: "silent",
  });
  fs.chmodSync(outfile + suffix, 0o644);
  fs.renameSync(outfile + suffix, outfile);
  return outfile;
}
