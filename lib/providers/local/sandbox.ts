import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDir, env, EnvError } from "@/lib/env";

/**
 * Where and as whom a replica runs. A replica gets nothing of the console's: an environment built from
 * scratch (never the console's secrets), a working folder of its own outside the repository and the
 * data folder, and, when the console runs as root, an unprivileged user.
 */
export interface ReplicaSandbox {
  cwd: string;
  env: Record<string, string>;
  uid?: number;
  gid?: number;
}

const SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** The folder holding every replica's working folder and the built-in server's bundle. */
export function replicaRoot(): string {
  return path.resolve(env().EBB_REPLICA_DIR ?? path.join(os.tmpdir(), "ebb-replicas"));
}

function inside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** Creates the root (others may pass through it, not list it), refusing places a replica must not reach. */
export function ensureReplicaRoot(): string {
  const root = replicaRoot();
  if (inside(root, process.cwd()) || inside(root, dataDir())) {
    throw new EnvError(`EBB_REPLICA_DIR (${root}) must be outside Ebb's folder and its data folder`);
  }
  fs.mkdirSync(root, { recursive: true, mode: 0o711 });
  fs.chmodSync(root, 0o711);
  return root;
}

let cachedUser: { name: string; uid: number; gid: number } | null | undefined;

/** The user replicas run as: EBB_REPLICA_USER (default nobody) when the console is root, else none. */
export function replicaUser(): { name: string; uid: number; gid: number } | null {
  if (cachedUser !== undefined) return cachedUser;
  if (process.getuid?.() !== 0) return (cachedUser = null);
  const name = env().EBB_REPLICA_USER;
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
    if (uid === 0) throw new Error("it is root");
    cachedUser = { name, uid, gid };
  } catch (error) {
    throw new EnvError(`EBB_REPLICA_USER "${name}" cannot run replicas: ${(error as Error).message.split("\n")[0]}`);
  }
  return cachedUser;
}

/** A fresh working folder for one replica, owned by the user it runs as and closed to everyone else. */
export function prepareSandbox(replicaId: string, variables: Record<string, string>): ReplicaSandbox {
  const root = ensureReplicaRoot();
  const cwd = path.join(root, `replica-${replicaId}`);
  fs.rmSync(cwd, { recursive: true, force: true });
  fs.mkdirSync(cwd, { mode: 0o700 });
  const user = replicaUser();
  if (user) fs.chownSync(cwd, user.uid, user.gid);
  const env: Record<string, string> = {
    // The node running Ebb is found first, so `node` in a runtime's command is the same one.
    PATH: `${path.dirname(process.execPath)}:${SYSTEM_PATH}`,
    HOME: cwd,
    TMPDIR: cwd,
    LANG: "C.UTF-8",
    ...variables,
  };
  return { cwd, env, ...(user ? { uid: user.uid, gid: user.gid } : {}) };
}

/** Removes a replica's working folder once its process is gone. */
export function removeSandbox(replicaId: string): void {
  fs.rmSync(path.join(replicaRoot(), `replica-${replicaId}`), { recursive: true, force: true });
}
