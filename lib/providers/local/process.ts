import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import type { Replica } from "./replica";

const MODEL_SERVER = path.join(process.cwd(), "lib", "runtime", "model-server.ts");

/** A free TCP port on the loopback interface, for commands that need to be told one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Starts the replica's process and resolves with its port once it listens. Each replica is the leader
 * of its own process group, so stopping it stops whatever its command started, and a console that
 * crashes leaves it running for the next controller to adopt.
 */
export async function spawnReplica(replica: Replica, onExit: (code: number | null, signal: string | null) => void): Promise<number> {
  const { runtime } = replica.spec;
  const baseEnv = { ...process.env, EBB_REPLICA_ID: replica.id, EBB_MODEL: replica.spec.model };
  let port: number;
  let child;
  if (runtime.kind === "builtin") {
    child = spawn(process.execPath, ["--import", "tsx", MODEL_SERVER], {
      env: {
        ...baseEnv,
        PORT: "0",
        EBB_LOAD_SECONDS: String(runtime.loadSeconds ?? 0),
        EBB_TOKENS_PER_SECOND: String(runtime.tokensPerSecond ?? 0),
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } else {
    port = await freePort();
    const command = runtime.command.replaceAll("$PORT", String(port));
    child = spawn("/bin/sh", ["-c", `exec ${command}`], {
      env: { ...baseEnv, PORT: String(port) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
  }
  replica.child = child;
  replica.pid = child.pid ?? null;

  readline.createInterface({ input: child.stderr! }).on("line", (line) => {
    replica.stderrTail.push(line);
    if (replica.stderrTail.length > 20) replica.stderrTail.shift();
  });

  return new Promise<number>((resolve, reject) => {
    let settled = false;
    child.once("error", (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    child.once("exit", (code, signal) => {
      if (!settled) reject(new Error(exitMessage(replica, code, signal)));
      settled = true;
      onExit(code, signal);
    });
    if (runtime.kind === "command") {
      settled = true;
      resolve(port!);
      child.stdout!.resume();
      return;
    }
    // The built-in server announces its port on its first line.
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (settled) return;
      try {
        const message = JSON.parse(line) as { event?: string; port?: number };
        if (message.event === "listening" && message.port) {
          settled = true;
          resolve(message.port);
        }
      } catch {
        // Not one of our JSON lines.
      }
    });
  });
}

export function exitMessage(replica: Replica, code: number | null, signal: string | null): string {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const last = replica.stderrTail.at(-1);
  return `replica ${replica.id.slice(0, 8)} ${how}${last ? `: ${last}` : ""}`;
}

/** Signals the replica's whole process group; false when it is already gone. */
export function signalReplica(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
