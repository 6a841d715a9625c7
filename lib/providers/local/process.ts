import { spawn } from "node:child_process";
import net from "node:net";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { isAlive } from "@/lib/process-alive";
import { builtinServerPath } from "./builtin-bundle";
import { openOutput } from "./output-file";
import type { Replica } from "./replica";
import { prepareSandbox } from "./sandbox";

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

/** "$PORT" and "$MODEL" inside each argument; no shell ever sees them, so no value can become syntax. */
export function expandCommand(argv: string[], values: { port: number; model: string }): string[] {
  return argv.map((arg) => arg.replaceAll("$PORT", String(values.port)).replaceAll("$MODEL", values.model));
}

/**
 * Starts the replica's process in its sandbox and resolves with its port once it listens. Each replica
 * is the leader of its own process group, so stopping it stops whatever its command started, and a
 * console that crashes leaves it running for the next controller to adopt.
 */
export async function spawnReplica(replica: Replica, onExit: (code: number | null, signal: string | null) => void): Promise<number> {
  const { runtime, model, emulation } = replica.spec;
  if (!runtime) throw new Error(`runtime "${replica.spec.runtimeName}" is not in this install's runtime catalog; ask the operator to add it`);
  const builtin = replica.builtin;
  const port = builtin ? 0 : await freePort();
  const argv = builtin ? [process.execPath, await builtinServerPath()] : expandCommand(runtime.command, { port, model });
  // Stopped while its command was being prepared: nothing may start that nobody would stop. From here
  // to the spawn nothing awaits, so a stop lands either before (here) or after the pid is known.
  if (replica.stopRequested) throw new Error("stopped before it started");
  const sandbox = prepareSandbox(replica.id, {
    ...runtime.env,
    PORT: String(port),
    EBB_REPLICA_ID: replica.id,
    EBB_MODEL: model,
    ...(builtin ? { EBB_LOAD_SECONDS: String(emulation.loadSeconds), EBB_TOKENS_PER_SECOND: String(emulation.tokensPerSecond) } : {}),
  });
  // Output goes to files the console follows, never to pipes: a replica outlives a console crash
  // however much it writes, and the next console reads on.
  const outputs = [openOutput(replica.id, "stdout"), openOutput(replica.id, "stderr")];
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(argv[0]!, argv.slice(1), {
      cwd: sandbox.cwd,
      env: sandbox.env as NodeJS.ProcessEnv,
      uid: sandbox.uid,
      gid: sandbox.gid,
      detached: true,
      stdio: ["ignore", outputs[0]!, outputs[1]!],
    });
  } finally {
    for (const fd of outputs) fs.closeSync(fd);
  }
  replica.child = child;
  replica.pid = child.pid ?? null;

  return new Promise<number>((resolve, reject) => {
    let settled = false;
    // The built-in server announces its port on its first line.
    const claimListening = (line: string): boolean => {
      if (settled || !builtin) return false;
      try {
        const message = JSON.parse(line) as { event?: string; port?: number };
        if (message.event === "listening" && message.port) {
          settled = true;
          resolve(message.port);
          return true;
        }
      } catch {
        // Not one of its JSON lines.
      }
      return false;
    };
    replica.followOutput({ fromEnd: false, onStdout: claimListening });
    child.once("error", (error) => {
      if (!settled) reject(new Error(`${argv[0]} could not be started: ${error.message}`));
      settled = true;
    });
    child.once("exit", (code, signal) => {
      // Its last words are in the files already: read them before saying why it ended.
      replica.readOutput();
      if (!settled) reject(new Error(exitMessage(replica, code, signal)));
      settled = true;
      onExit(code, signal);
    });
    if (!builtin) {
      settled = true;
      resolve(port);
    }
  });
}

export function exitMessage(replica: Replica, code: number | null, signal: string | null): string {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const last = replica.output.slice(-5).join("\n");
  return `replica ${replica.id.slice(0, 8)} ${how}${last ? `; its last output:\n${last}` : ""}`;
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

/**
 * SIGKILL to what is left of the group of a replica whose own process is gone. The group only, never
 * the pid alone: that number may already belong to another process, while a group's id is not reused
 * as long as one of its members lives.
 */
export function killLeftovers(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Nothing left.
  }
}

/** Whether anything of the replica's process group is left: its leader, or what its command started. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" || isAlive(pid);
  }
}

/** SIGTERM to the replica's process group, then SIGKILL to what is left of it after `graceMs`. */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  if (!signalReplica(pid, "SIGTERM")) return;
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(25);
  if (groupAlive(pid)) signalReplica(pid, "SIGKILL");
}
